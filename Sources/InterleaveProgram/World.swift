/// What a thread's code reaches beyond its own frames: the globals, the
/// shared objects, output and time. The real threads have one world, the
/// explorer's model another; the interpreter is the same for both.
protocol World {
  /// A global's value (nil: not bound yet).
  mutating func readGlobal(_ index: Int) -> Value?
  mutating func writeGlobal(_ index: Int, _ value: Value)
  /// Whether the global holds data (reading it is a step) or is unbound.
  mutating func globalHoldsData(_ index: Int) -> Bool
  /// Reads and changes a global indivisibly (a list method).
  mutating func updateGlobal(
    _ index: Int, _ body: (inout Value?) throws(PythonError) -> Value
  ) throws(PythonError) -> Value
  /// Reads or changes the shared objects indivisibly, without waiting.
  mutating func withObjects<T, E: Error>(_ body: (inout SharedObjects) throws(E) -> T) throws(E)
    -> T
  /// Reads the shared objects (nobody is woken).
  func readObjects<T>(_ body: (SharedObjects) -> T) -> T
  /// Waits until `test` passes (it may change the objects), at most
  /// `timeout` seconds (nil: as long as it takes). Returns whether it passed.
  mutating func wait(
    timeout: Double?, line: Int, until test: @escaping @Sendable (inout SharedObjects) -> Bool
  )
    throws(Blocked)
    -> Bool
  /// Runs thread object `index`, already marked started; returns once it
  /// has its identifier.
  mutating func start(_ index: Int) throws(PythonError)
  /// What `print` writes.
  mutating func write(_ text: String)
  mutating func sleep(_ seconds: Double)
  /// The calling thread's identifier (`get_ident()`).
  func ident() -> Int
  /// `multiprocessing.cpu_count()`.
  var cpuCount: Int { get }
  /// Called before each step (made by source line `line`, worked out only
  /// if asked: this is every step's path); true when the run is ending and
  /// the thread must stop where it is.
  mutating func beforeStep(_ thread: Int, line: @autoclosure () -> Int) -> Bool
  /// Asked at every jump back (a loop with no step in it): true when the
  /// run is ending.
  mutating func shouldStop() -> Bool
  /// A condition's `wait()` ends in a step of its own (the model, where a
  /// thread cannot stop inside an instruction); false on real threads.
  var suspendsWaits: Bool { get }
  /// Whether a wait that can pass at once may be tried first without
  /// `wait` (no schedule's turn to hand on): it then costs no closure.
  var triesBeforeWaiting: Bool { get }
  /// Real threads under a schedule: a condition's wake (taking the lock
  /// back) waits for a turn of its own, as it is a step in the model.
  var stepsWakes: Bool { get }
}

/// A wait that cannot pass now, in a world that does not wait (the model):
/// the instruction is undone and the thread is not runnable.
struct Blocked: Error {}
