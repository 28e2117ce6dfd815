/// A scenario's abstract machine: each thread's program, the shared cells
/// and the primitives, so that every schedule can be followed (and counted)
/// without threads. Its steps are the runtime's step points, one for one.
public struct Machine: Sendable {
  /// What kind each primitive is, in id order.
  public enum Primitive: Sendable, Equatable {
    case mutex
    case semaphore(permits: Int)
    case condition
  }

  public let programs: [[Instruction]]
  public let primitives: [Primitive]
  public let memory: [Int]
  public let registers: Int
  /// What the program calls each shared cell (`balance`).
  public let cellNames: [String]
  /// How a state that cannot go on ends (every thread done, or stuck).
  let outcome: @Sendable (MachineView) -> Outcome
  /// Every thread's program end to end (thread t's from `starts[t]`), and
  /// a bit per register still to be read at each instruction, the same way
  /// (one more entry a thread, its end):
  /// the explorer's hot path reads one flat array, not an array of arrays
  /// whose inner one it would retain and release at every step.
  private let code: [Instruction]
  private let starts: [Int]
  private let lengths: [Int32]
  private let liveCode: [UInt32]
  /// Registers the outcome reads once a thread has ended (kept, not cleared).
  let liveAtEnd: UInt32

  public var threads: Int { programs.count }

  /// The steps in all programs (every schedule's length, when no program loops).
  public var steps: Int { programs.reduce(0) { $0 + $1.filter(\.isStep).count } }

  /// How many places the threads can be at together (each thread's steps
  /// plus its end, multiplied): a floor under the number of states.
  public var places: Double {
    programs.reduce(1.0) { $0 * Double($1.filter(\.isStep).count + 1) }
  }

  public init(
    programs: [[Instruction]], primitives: [Primitive] = [], memory: [Int] = [0],
    registers: Int = 1, cellNames: [String] = ["balance"], liveAtEnd: UInt32 = 0,
    outcome: @escaping @Sendable (MachineView) -> Outcome
  ) {
    self.liveAtEnd = liveAtEnd
    self.cellNames = cellNames
    self.programs = programs
    self.primitives = primitives
    self.memory = memory
    self.registers = registers
    self.outcome = outcome
    code = programs.flatMap { $0 }
    starts = programs.reduce(into: [0]) { $0.append($0.last! + $1.count) }
    lengths = programs.map { Int32($0.count) }
    liveCode = programs.flatMap { Liveness.live($0, atEnd: liveAtEnd) }
  }

  // MARK: - Layout of a state

  var pcBase: Int { 0 }
  var registerBase: Int { threads }
  var memoryBase: Int { registerBase + threads * registers }
  var holderBase: Int { memoryBase + memory.count }
  var queueBase: Int { holderBase + primitives.count }
  /// One slot a thread (not a bit: threads go to 256): 1 when notified.
  /// Only a machine with a condition has them: a smaller state is a
  /// faster count (the 3x3 race's states are 8 values instead of 11).
  var notifiedBase: Int { queueBase + primitives.count * threads }
  var errorIndex: Int { notifiedBase + (hasCondition ? threads : 0) }
  var size: Int { errorIndex + 1 }
  private var hasCondition: Bool { primitives.contains(.condition) }

  /// The state before any step: every thread at its first step.
  public func initial() -> MachineState {
    var values = [Int32](repeating: 0, count: size)
    for (offset, value) in memory.enumerated() { values[memoryBase + offset] = Int32(value) }
    for (id, kind) in primitives.enumerated() {
      switch kind {
      case .mutex: values[holderBase + id] = -1
      case .semaphore(let permits): values[holderBase + id] = Int32(permits)
      case .condition: values[holderBase + id] = 0
      }
      for slot in 0..<threads { values[queueBase + id * threads + slot] = -1 }
    }
    for thread in 0..<threads { settle(&values, thread) }
    return MachineState(values: values)
  }

  // MARK: - Reading a state

  /// Whether `thread` has run its whole program (or failed).
  public func ended(_ state: MachineState, _ thread: Int) -> Bool {
    ended(state.values, thread)
  }

  /// Thread `thread`'s next instruction (a step), if it has not ended.
  public func next(_ state: MachineState, _ thread: Int) -> Instruction? {
    next(state.values, thread)
  }

  /// Whether `thread` may take its next step now.
  public func enabled(_ state: MachineState, _ thread: Int) -> Bool {
    enabled(state.values, thread)
  }

  /// The threads that may take a step now, in order (0-based).
  public func runnable(_ state: MachineState) -> [Int] {
    (0..<threads).filter { enabled(state.values, $0) }
  }

  /// Whether no thread can move: every one has ended, or the rest are stuck.
  public func isFinal(_ state: MachineState) -> Bool {
    !(0..<threads).contains { enabled(state.values, $0) }
  }

  /// How a final state ends.
  public func outcome(of state: MachineState) -> Outcome { outcome(MachineView(self, state)) }

  /// The state after `thread` takes its next step (it must be enabled).
  public func step(_ state: MachineState, _ thread: Int) -> MachineState {
    var values = state.values
    step(&values, thread)
    return MachineState(values: values)
  }

  // MARK: - The same on the bare values (the explorer's hot path)

  func ended(_ values: [Int32], _ thread: Int) -> Bool {
    values.withUnsafeBufferPointer { ended($0.baseAddress!, thread) }
  }

  func next(_ values: [Int32], _ thread: Int) -> Instruction? {
    ended(values, thread) ? nil : programs[thread][Int(values[pcBase + thread])]
  }

  func enabled(_ values: [Int32], _ thread: Int) -> Bool {
    values.withUnsafeBufferPointer { enabled($0.baseAddress!, thread) }
  }

  /// `thread` takes its next step (it must be enabled), in place.
  func step(_ values: inout [Int32], _ thread: Int) {
    values.withUnsafeMutableBufferPointer { step($0.baseAddress!, thread) }
  }

  /// Runs `thread`'s instructions that are not steps, up to its next step.
  func settle(_ values: inout [Int32], _ thread: Int) {
    values.withUnsafeMutableBufferPointer { settle($0.baseAddress!, thread) }
  }

  // MARK: - On a state's memory (`size` values)

  func ended(_ values: UnsafePointer<Int32>, _ thread: Int) -> Bool {
    values[pcBase + thread] >= lengths[thread]
  }

  func enabled(_ values: UnsafePointer<Int32>, _ thread: Int) -> Bool {
    let pc = Int(values[pcBase + thread])
    guard pc < lengths[thread] else { return false }
    switch code[starts[thread] + pc] {
    case .acquire(let mutex): return values[holderBase + mutex] < 0
    case .semaphoreAcquire(let semaphore): return values[holderBase + semaphore] > 0
    case .wake: return values[notifiedBase + thread] != 0
    default: return true
    }
  }

  /// Fills `runnable[t]` with whether thread t may take a step now.
  /// - Returns: whether any may.
  func runnable(_ values: UnsafePointer<Int32>, into runnable: UnsafeMutablePointer<Bool>) -> Bool {
    var any = false
    for thread in 0..<threads {
      runnable[thread] = enabled(values, thread)
      any = any || runnable[thread]
    }
    return any
  }

  /// `thread` takes its next step (it must be enabled), in place.
  func step(_ values: UnsafeMutablePointer<Int32>, _ thread: Int) {
    let pc = Int(values[pcBase + thread])
    var next = pc + 1
    let register = registerBase + thread * registers
    switch code[starts[thread] + pc] {
    case .read(let cell, let into): values[register + into] = values[memoryBase + cell]
    case .write(let cell, let from, let plus):
      values[memoryBase + cell] = values[register + from] &+ Int32(plus)
    case .atomicAdd(let cell, let amount): values[memoryBase + cell] &+= Int32(amount)
    case .acquire(let mutex): values[holderBase + mutex] = Int32(thread)
    case .release(let mutex): values[holderBase + mutex] = -1
    case .semaphoreAcquire(let semaphore): values[holderBase + semaphore] -= 1
    case .semaphoreRelease(let semaphore, let bound):
      values[holderBase + semaphore] += 1
      if let bound, values[holderBase + semaphore] > Int32(bound) {
        // Python raises before the count changes.
        values[holderBase + semaphore] -= 1
        next = raise(.semaphoreOverRelease, values, thread)
      }
    case .wait(let condition, let mutex):
      values[holderBase + mutex] = -1
      let queue = queueBase + condition * threads
      var free = queue
      while values[free] >= 0 { free += 1 }
      values[free] = Int32(thread)
    case .wake: values[notifiedBase + thread] = 0
    case .notify(let condition, let all):
      let queue = queueBase + condition * threads
      let waiting = (0..<threads).map { values[queue + $0] }.filter { $0 >= 0 }
      let woken = all ? waiting.count : min(1, waiting.count)
      for waiter in waiting.prefix(woken) { values[notifiedBase + Int(waiter)] = 1 }
      for slot in 0..<threads {
        values[queue + slot] = slot + woken < waiting.count ? waiting[slot + woken] : -1
      }
    case .local: break
    case .fail(let error):
      next = raise(error, values, thread)
    case .put(let cell): values[memoryBase + cell] &+= 1
    case .take(let cell):
      if values[memoryBase + cell] <= 0 {
        next = raise(.popFromEmpty, values, thread)
      } else {
        values[memoryBase + cell] -= 1
      }
    case .jumpIf, .jump, .set, .add, .recordMax: break
    }
    values[pcBase + thread] = Int32(next)
    settle(values, thread)
  }

  /// `thread` raises `error` and ends; the locks it holds are let go (a
  /// `with` block's exit). - Returns: the end of its program.
  private func raise(_ error: ModelError, _ values: UnsafeMutablePointer<Int32>, _ thread: Int)
    -> Int
  {
    values[errorIndex] |= 1 << Int32(error.rawValue)
    for (id, kind) in primitives.enumerated()
    where kind == .mutex && values[holderBase + id] == Int32(thread) {
      values[holderBase + id] = -1
    }
    return programs[thread].count
  }

  /// Runs `thread`'s instructions that are not steps, up to its next step.
  func settle(_ values: UnsafeMutablePointer<Int32>, _ thread: Int) {
    var pc = Int(values[pcBase + thread])
    let start = starts[thread]
    let count = Int(lengths[thread])
    let registers = registerBase + thread * self.registers
    var guardCount = 0
    while pc < count, guardCount < 10_000 {
      let instruction = code[start + pc]
      guard !instruction.isStep else { break }
      guardCount += 1
      switch instruction {
      case .jump(let target): pc = target
      case .jumpIf(let operand, let comparison, let bound, let target):
        let value: Int32
        switch operand {
        case .register(let index): value = values[registers + index]
        case .cell(let cell): value = values[memoryBase + cell]
        }
        pc = comparison.holds(Int(value), bound) ? target : pc + 1
      case .set(let index, let value):
        values[registers + index] = Int32(value)
        pc += 1
      case .add(let index, let amount):
        values[registers + index] &+= Int32(amount)
        pc += 1
      case .recordMax(let cell, let source):
        values[memoryBase + cell] = max(values[memoryBase + cell], values[memoryBase + source])
        pc += 1
      default: pc += 1
      }
    }
    values[pcBase + thread] = Int32(pc)
    // Stale registers cleared: states that differ only there are one.
    let live = liveCode[start + thread + min(pc, count)]
    for index in 0..<self.registers where live & (1 << UInt32(index)) == 0 {
      values[registers + index] = 0
    }
  }
}

/// Where every thread of a machine is, what the cells hold, who holds what.
public struct MachineState: Hashable, Sendable {
  var values: [Int32]

  /// The values' bytes in one go.
  public func hash(into hasher: inout Hasher) {
    values.withUnsafeBytes { hasher.combine(bytes: $0) }
  }
}

/// A final state as an outcome function reads it.
public struct MachineView: Sendable {
  let machine: Machine
  let state: MachineState

  init(_ machine: Machine, _ state: MachineState) {
    self.machine = machine
    self.state = state
  }

  /// A shared cell's value.
  public func cell(_ index: Int) -> Int { Int(state.values[machine.memoryBase + index]) }

  /// A thread's (0-based) register, as it ended (see `Machine.liveAtEnd`).
  public func register(_ thread: Int, _ index: Int) -> Int {
    Int(state.values[machine.registerBase + thread * machine.registers + index])
  }

  /// Whether some thread could not end (stuck waiting).
  public var stuck: Bool { (0..<machine.threads).contains { !machine.ended(state, $0) } }

  /// Whether the stuck threads wait on a condition (not only on locks).
  public var waitingOnCondition: Bool {
    (0..<machine.threads).contains {
      if case .wake = machine.next(state, $0) { return true }
      return false
    }
  }

  /// The errors a thread ended with.
  public var errors: [ModelError] {
    ModelError.allCases.filter { state.values[machine.errorIndex] & (1 << Int32($0.rawValue)) != 0 }
  }
}
