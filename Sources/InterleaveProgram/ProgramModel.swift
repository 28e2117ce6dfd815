/// A thread of the model: its frames, and how it ended.
struct ModelThread: Hashable, Sendable {
  var object: Int
  var calls: CallStack
  /// The error it ended with (`IndexError: pop from empty list`).
  var error: PythonError?
  var finished: Bool { calls.isEmpty }
}

/// Everything a program's run is at one moment, between steps: the state
/// the explorer counts schedules over.
public struct ModelState: Hashable, Sendable {
  var world: ModelWorld
  var threads: [ModelThread]
  /// Set for good once a run passes a state an explorer was asked to
  /// mark (a challenge's goal reached part-way).
  var marked = false

  /// What changes from step to step (globals, places, locals, stacks,
  /// lock owners); names and targets, which never do, are left to `==`.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(world.globals)
    hasher.combine(marked)
    for thread in threads {
      hasher.combine(thread.calls.top)
      hasher.combine(thread.calls.callers)
      hasher.combine(thread.calls.locals)
      hasher.combine(thread.calls.stack)
    }
    for object in world.objects.objects {
      switch object {
      case .lock(let lock): hasher.combine(lock.owner)
      case .thread(let thread): hasher.combine(thread.state)
      case .semaphore(let value, _): hasher.combine(value)
      case .condition(_, let waiting, let notified):
        hasher.combine(waiting)
        hasher.combine(notified)
      }
    }
  }
}

/// What a run of a program ends with: the globals' final values, a
/// deadlock, the errors threads raised.
public struct ProgramOutcome: Hashable, Sendable, Comparable {
  /// Each data global's final value as Python's `repr` shows it.
  public var globals: [String]
  /// The same values, for ordering outcomes by them (-8 before 0 before 5).
  var values: [Value] = []
  /// Threads still waiting when nothing can run.
  public var deadlock: Bool
  /// Of such an end, one where no thread waits for a lock: those left wait
  /// on a condition nobody will notify (or join them). Said `hang`, as the
  /// built-in scenarios say it.
  public var hang = false
  /// `IndexError in Thread-2`, in thread order.
  public var errors: [String]
  /// The run passed a state the explorer was asked to mark.
  public var marked = false

  /// `balance -8`, `deadlock, alice 80, bob 100`, `IndexError in Thread-2`:
  /// a deadlock names the globals it left, so two deadlocks that differ
  /// never read the same.
  public var text: String {
    var parts: [String] = []
    if deadlock { parts.append(hang ? "hang" : "deadlock") }
    parts += errors
    parts += globals
    // No global holds data and nothing went wrong: it just ends.
    return parts.isEmpty ? "ends" : parts.joined(separator: ", ")
  }

  /// The globals (`name repr`) that read the same in every one of
  /// `outcomes`: with two or more, the rest is what sets them apart (the
  /// idents of threads started in a fixed order, a flag every run sets).
  public static func common(_ outcomes: [ProgramOutcome]) -> Set<String> {
    guard outcomes.count > 1, let first = outcomes.first else { return [] }
    return outcomes.dropFirst().reduce(Set(first.globals)) { $0.intersection($1.globals) }
  }

  /// The text without the globals in `common`.
  public func text(omitting common: Set<String>) -> String {
    var shown = self
    shown.globals = globals.filter { !common.contains($0) }
    return shown.text
  }

  /// The text with only the globals in `names` (a challenge's goal reads
  /// them; the rest would crowd them out of a narrow panel).
  public func text(showing names: Set<String>) -> String {
    var shown = self
    shown.globals = globals.filter { names.contains(String($0.prefix { $0 != " " })) }
    return shown.text
  }

  public static func < (lhs: ProgramOutcome, rhs: ProgramOutcome) -> Bool {
    if (lhs.deadlock, lhs.errors.count) != (rhs.deadlock, rhs.errors.count) {
      return (lhs.deadlock ? 1 : 0, lhs.errors.count) < (rhs.deadlock ? 1 : 0, rhs.errors.count)
    }
    for (left, right) in zip(lhs.values, rhs.values) where !Operations.equal(left, right) {
      if let less = try? Operations.compare(.less, left, right, SharedObjects()) { return less }
      break
    }
    return lhs.text < rhs.text
  }
}

/// A program as a state machine: every step a thread can take from a state,
/// with the interpreter that the real threads run.
public struct ProgramModel: Sendable {
  public let program: Program
  /// Instructions a thread may run between two steps before the model
  /// gives up on it (a loop with no step in it).
  static let settleLimit = 1_000_000
  /// The error type of a thread stopped by the model after `settleLimit`
  /// instructions with no step (a loop that touches nothing shared).
  static let endlessLoop = "EndlessLoop"

  public init(_ program: Program) { self.program = program }

  /// The main thread at its first step.
  public func initial() -> ModelState {
    var world = ModelWorld(program: program)
    var main = ThreadObject(name: "MainThread")
    main.isMain = true
    main.state = .started
    main.ident = ModelWorld.ident(of: 0)
    let object = world.objects.add(.thread(main))
    var interpreter = Interpreter<ModelWorld>(program: program, thread: object)
    interpreter.beginModule()
    var state = ModelState(
      world: world, threads: [ModelThread(object: object, calls: interpreter.calls)])
    settleAll(&state)
    return state
  }

  /// The threads (by slot: 0 is the main thread, then in start order) that
  /// can take a step now. None: the run has ended (or is stuck).
  public func runnable(_ state: ModelState) -> [Int] {
    guard !ended(state) else { return [] }
    return state.threads.indices.filter { enabled(state, $0) }
  }

  /// The main thread and every thread that is not a daemon have finished:
  /// the program exits (daemons end with it).
  func ended(_ state: ModelState) -> Bool {
    state.threads.allSatisfy { thread in
      thread.finished
        || state.world.objects.thread(thread.object).map { $0.daemon && !$0.isMain } ?? false
    } && state.threads[0].finished
  }

  /// Thread `slot` takes its next step, then every thread runs up to its next step.
  public func step(_ state: ModelState, _ slot: Int) -> ModelState {
    var next = state
    _ = execute(&next, slot)
    settleAll(&next)
    return next
  }

  public func outcome(_ state: ModelState) -> ProgramOutcome {
    let objects = state.world.objects
    var globals: [String] = []
    var values: [Value] = []
    for (index, name) in program.globalNames.enumerated() {
      guard let value = state.world.globals[index], value.isData else { continue }
      if case .iterator = value { continue }
      globals.append("\(name) \(value.repr(objects))")
      values.append(value)
    }
    let errors = state.threads.compactMap { thread -> String? in
      guard let error = thread.error else { return nil }
      let object = objects.thread(thread.object)
      let name = object?.name ?? "?"
      guard error.type == Self.endlessLoop else { return "\(error.type) in \(name)" }
      // A daemon looping without end is what a daemon may do: the program
      // ends without it, as in Python.
      return object?.daemon == true ? nil : "\(name) loops without end"
    }
    let stuck = !ended(state)
    let live = state.threads.indices.filter { !state.threads[$0].finished }
    let hang =
      stuck && live.contains { state.threads[$0].calls.top?.waking != nil }
      && !live.contains { waitsForLock(state, $0) }
    return ProgramOutcome(
      globals: globals, values: values, deadlock: stuck, hang: hang, errors: errors,
      marked: state.marked)
  }

  /// Whether thread `slot` is at a lock's acquire (or a `with` on one).
  private func waitsForLock(_ state: ModelState, _ slot: Int) -> Bool {
    guard let frame = state.threads[slot].calls.top, frame.waking == nil else {
      return false
    }
    switch program.functions[frame.function].code[frame.pc] {
    case .enter: return true
    case .callMethod(let name, _, _): return name.hasPrefix("acquire")
    default: return false
    }
  }

  /// The line of the step thread `slot` takes next.
  public func nextLine(_ state: ModelState, _ slot: Int) -> Int {
    interpreter(state, slot).nextLine
  }

  /// The names of the threads by slot.
  public func names(_ state: ModelState) -> [String] {
    state.threads.enumerated().map { slot, thread in
      let name = state.world.objects.thread(thread.object)?.name ?? ""
      // A `_thread` thread has a name only once it asks for one.
      return name.isEmpty ? "Dummy-\(slot)" : name
    }
  }

  // MARK: Steps

  private func interpreter(_ state: ModelState, _ slot: Int) -> Interpreter<ModelWorld> {
    var interpreter = Interpreter<ModelWorld>(program: program, thread: state.threads[slot].object)
    interpreter.calls = state.threads[slot].calls
    return interpreter
  }

  /// Whether the thread's next instruction is a step (a scheduler choice).
  func isStep(_ state: ModelState, _ slot: Int) -> Bool {
    guard let frame = state.threads[slot].calls.top else { return false }
    if frame.waking != nil { return true }
    let op = program.functions[frame.function].code[frame.pc]
    let calls = state.threads[slot].calls
    switch op {
    case .loadGlobal(let index): return state.world.globals[index]?.isData ?? true
    case .storeGlobal: return calls.peek(0)?.isData ?? true
    case .callGlobalMethod, .enter, .exit: return true
    case .call(let count, _):
      guard case .builtin(let builtin) = calls.peek(count) else { return false }
      return builtin == .print || builtin == .sleep
    case .callMethod(let name, let count, _):
      guard let receiver = calls.peek(count) else { return false }
      // `time.sleep(1)`: a module's function called by its attribute, a
      // step as the real threads take it.
      if case .module(let module) = receiver {
        guard case .builtin(let builtin) = module.attribute(name) else { return false }
        return builtin == .print || builtin == .sleep
      }
      guard case .object(let index) = receiver else { return false }
      if case .thread = state.world.objects.objects[index] { return false }
      return Self.stepMethods.contains(name)
    default: return false
    }
  }

  static let stepMethods: Set<String> = [
    "acquire", "release", "locked", "wait", "notify", "notify_all", "notifyAll", "acquire_lock",
    "release_lock", "locked_lock",
  ]

  /// Whether thread `slot` can take its step now (a lock it wants is free...).
  func enabled(_ state: ModelState, _ slot: Int) -> Bool {
    guard !state.threads[slot].finished, isStep(state, slot) else { return false }
    guard mayWait(state, slot) else { return true }
    var trial = state
    return execute(&trial, slot)
  }

  /// Whether the step may have to wait (a lock, a semaphore, a wake):
  /// only those are tried before they are counted as runnable.
  private func mayWait(_ state: ModelState, _ slot: Int) -> Bool {
    guard let frame = state.threads[slot].calls.top else { return false }
    if frame.waking != nil { return true }
    switch program.functions[frame.function].code[frame.pc] {
    case .enter: return true
    case .callMethod(let name, _, _): return name.hasPrefix("acquire") || name == "wait"
    default: return false
    }
  }

  /// Runs one instruction of thread `slot`; false (and nothing changed)
  /// when it would wait.
  @discardableResult
  private func execute(_ state: inout ModelState, _ slot: Int) -> Bool {
    var interpreter = self.interpreter(state, slot)
    var world = state.world
    world.current = state.threads[slot].object
    do {
      try interpreter.execute(world: &world)
    } catch is Blocked {
      return false
    } catch let error as PythonError {
      if let unhandled = interpreter.unwind(error) {
        interpreter.calls = CallStack()
        state.threads[slot].error = unhandled
      }
    } catch {
      interpreter.calls = CallStack()
    }
    state.world = world
    state.threads[slot].calls = interpreter.calls
    if interpreter.finished {
      let object = state.threads[slot].object
      state.world.objects.changeThread(object) { $0.state = .stopped }
    }
    for started in state.world.started {
      var thread = Interpreter<ModelWorld>(program: program, thread: started)
      var startWorld = state.world
      startWorld.current = started
      let target = startWorld.objects.thread(started)
      var error: PythonError?
      do {
        try thread.begin(
          target?.target ?? .none, target?.arguments ?? [], failing: target?.argumentsError,
          world: &startWorld)
      } catch let raised as PythonError {
        error = raised
      } catch {}
      state.world = startWorld
      state.threads.append(ModelThread(object: started, calls: thread.calls, error: error))
      if thread.finished { state.world.objects.changeThread(started) { $0.state = .stopped } }
    }
    state.world.started = []
    return true
  }

  /// Runs thread `slot` up to its next step (or its end, or a wait).
  private func settle(_ state: inout ModelState, _ slot: Int) -> Bool {
    var progressed = false
    var budget = Self.settleLimit
    while !state.threads[slot].finished && !isStep(state, slot) {
      budget -= 1
      if budget == 0 {
        state.threads[slot].error = PythonError(
          Self.endlessLoop,
          "\(Self.settleLimit) instructions without a step: the model stops this thread")
        state.threads[slot].calls = CallStack()
        state.world.objects.changeThread(state.threads[slot].object) { $0.state = .stopped }
        return true
      }
      guard execute(&state, slot) else { break }
      progressed = true
    }
    return progressed
  }

  /// Every thread up to its next step, until none moves.
  private func settleAll(_ state: inout ModelState) {
    var moved = true
    while moved {
      moved = false
      var slot = 0
      while slot < state.threads.count {
        if settle(&state, slot) { moved = true }
        slot += 1
      }
    }
  }
}
