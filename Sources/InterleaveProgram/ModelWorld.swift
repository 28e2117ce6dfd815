/// A program's world as a value, for the explorer: every global, object and
/// thread in one hashable state. Waits never wait here: one that cannot
/// pass throws `Blocked` and the instruction is undone.
struct ModelWorld: World, Hashable {
  var globals: [Value?]
  var objects = SharedObjects()
  /// Thread objects started but not yet given a slot (the explorer adds them).
  var started: [Int] = []
  /// The thread object running now (for `get_ident()`).
  var current = 0

  init(program: Program) {
    globals = Array(repeating: nil, count: program.globalNames.count)
  }

  mutating func readGlobal(_ index: Int) -> Value? { globals[index] }
  mutating func writeGlobal(_ index: Int, _ value: Value) { globals[index] = value }
  mutating func globalHoldsData(_ index: Int) -> Bool { globals[index]?.isData ?? true }

  mutating func updateGlobal(_ index: Int, _ body: (inout Value?) throws(PythonError) -> Value)
    throws(PythonError) -> Value
  {
    try body(&globals[index])
  }

  mutating func withObjects<T, E: Error>(_ body: (inout SharedObjects) throws(E) -> T) throws(E)
    -> T
  {
    try body(&objects)
  }

  func readObjects<T>(_ body: (SharedObjects) -> T) -> T { body(objects) }

  mutating func wait(
    timeout: Double?, line: Int, until test: @escaping @Sendable (inout SharedObjects) -> Bool
  )
    throws(Blocked)
    -> Bool
  {
    var trial = objects
    guard test(&trial) else {
      // A timeout of 0 fails at once; any other wait waits (time is not modelled).
      if timeout == 0 { return false }
      throw Blocked()
    }
    objects = trial
    return true
  }

  mutating func start(_ index: Int) throws(PythonError) {
    objects.changeThread(index) { $0.ident = Self.ident(of: index) }
    started.append(index)
  }

  mutating func write(_ text: String) {}
  mutating func sleep(_ seconds: Double) {}
  func ident() -> Int { Self.ident(of: current) }
  /// A thread's ident in the model: 1000 + its object's index (the real
  /// threads' idents are the system's, known only once they run).
  static func ident(of object: Int) -> Int { 1000 + object }
  var cpuCount: Int { 2 }
  mutating func beforeStep(_ thread: Int, line: @autoclosure () -> Int) -> Bool { false }
  var suspendsWaits: Bool { true }
  var triesBeforeWaiting: Bool { true }
  var stepsWakes: Bool { false }
  mutating func shouldStop() -> Bool { false }
}
