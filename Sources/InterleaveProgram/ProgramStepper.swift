import Glibc
import InterleavePlatform
import Synchronization

/// A program on real OS threads, one step at a time as a driver chooses:
/// each thread waits at every step until it is given one, and the model
/// takes the same step beside it, so the driver always knows which threads
/// can go, whether they are stuck, and where each one stands in the code.
/// Let go, the threads run freely at full speed.
public final class ProgramStepper: Sendable {
  /// A thread as the driver sees it between steps.
  public struct ThreadView: Sendable, Equatable {
    public enum State: Sendable, Equatable { case ready, waiting, finished }
    public var name: String
    public var state: State
    /// The line of the step it waits to take (nil when finished or, let go,
    /// when it is running).
    public var line: Int?
    /// What that step does (`read balance`, `write balance = 8`).
    public var next: StepSaid? = nil
    /// Finished without reaching its end: the program ended under it (a
    /// daemon or `_thread` thread when the main thread was done).
    public var cutOff = false
    /// The line of the last step it took (nil: none yet, or let go).
    public var lastLine: Int? = nil
  }

  /// Everything on screen about the run, taken at one moment.
  public struct View: Sendable {
    public var threads: [ThreadView]
    /// Each global that holds data, with Python's `repr` of its value.
    /// `writer`: the slot of the thread whose step wrote it last (nil:
    /// none yet, or let go, where nobody keeps count).
    public var globals: [(name: String, value: String, writer: Int?)]
    /// Each lock held now, by the global (or list item) that names it
    /// (nil: only a thread's own variable does), with the slot of the
    /// thread holding it; and each semaphore a global names, with its value.
    public var held: [(name: String?, holder: Int)] = []
    public var semaphores: [(name: String, value: Int)] = []
    /// What the program printed, tracebacks included.
    public var output: String
    public var steps: Int
    /// Slots that can take a step now (empty when let go or at the end).
    public var runnable: [Int]
    public var ended: Bool
    /// Every unfinished thread waits and none can be woken.
    public var deadlock: Bool
    public var free: Bool
    /// Each ident the model gives a thread (`ModelWorld.ident(of:)`) with
    /// the real thread's, for text the
    /// model writes (`write t1 = 1002` is `write t1 = 1397...`).
    public var idents: [String: String] = [:]

    /// `text` with the model's idents replaced by the real threads' (whole
    /// numbers only).
    public func realIdents(_ text: String) -> String {
      guard !idents.isEmpty else { return text }
      var out = ""
      var digits = ""
      for character in text {
        if character.isASCII, character.isNumber {
          digits.append(character)
          continue
        }
        out += idents[digits] ?? digits
        digits = ""
        out.append(character)
      }
      return out + (idents[digits] ?? digits)
    }
  }

  public let program: Program
  private let model: ProgramModel
  private let modelState: LockedBox<ModelState>
  private let world: RealWorld
  private let text = LockedBox("")
  private let done = Atomic<Bool>(false)
  private let free = Atomic<Bool>(false)
  private let steps = Atomic<Int>(0)
  private let runner = LockedBox<OSThread?>(nil)
  private let history = LockedBox<[Int]>([])
  /// By global: the slot whose step wrote it last.
  private let writers = LockedBox<[Int: Int]>([:])
  /// By slot: the steps it took on the line it is on, as they were said.
  private let lineLog = LockedBox<[Int: (line: Int, steps: [StepSaid])]>([:])

  public init(program: Program, cpuCount: Int) {
    self.program = program
    model = ProgramModel(program)
    modelState = LockedBox(model.initial())
    let text = self.text
    world = RealWorld(
      program: program, cpuCount: cpuCount,
      output: { piece in text.withLockedValue { $0 += piece } },
      errors: { piece in text.withLockedValue { $0 += piece } }, stop: nil,
      schedule: [], open: true)
  }

  /// Starts the main thread; returns once every thread waits for its first step.
  /// - Returns: false when the system refused a thread.
  @discardableResult
  public func start() -> Bool {
    let spawned = OSThread.spawn { [self] in
      _ = ProgramRun(program).run(world)
      done.store(true, ordering: .relaxed)
    }
    runner.withLockedValue { $0 = spawned }
    guard spawned != nil else { return false }
    _ = world.settle(limit: Self.settleLimit)
    return true
  }

  /// When the model says the program is over, waits (at most `limit` ns)
  /// until its real threads are over too: the main thread ends a moment
  /// after its last step, and a view taken before that is not yet ended.
  public func awaitEnd(limit: UInt64 = 5_000_000_000) {
    guard model.ended(modelState.snapshot) else { return }
    let deadline = MonotonicClock.now() &+ limit
    while !done.load(ordering: .relaxed), MonotonicClock.now() < deadline { usleep(1_000) }
  }

  /// How long a step may take before the driver stops waiting for it (ns):
  /// on a loaded machine a woken thread can wait long for a core.
  static let settleLimit: UInt64 = 5_000_000_000

  /// Thread `slot` takes its next step, on its real thread and in the model.
  /// - Returns: false when it cannot go now.
  @discardableResult
  public func step(_ slot: Int) -> Bool {
    guard !free.load(ordering: .relaxed), let gate = world.gate else { return false }
    let state = modelState.snapshot
    guard model.runnable(state).contains(slot) else { return false }
    if let written = model.nextWrite(state, slot) {
      writers.withLockedValue { $0[written] = slot }
    }
    let line = model.nextLine(state, slot)
    // As taken: a read says the value it got (`read balance → 0`).
    let said = (model.nextStep(state, slot) ?? .code("step")).taken
    lineLog.withLockedValue { log in
      if log[slot]?.line != line { log[slot] = (line, []) }
      log[slot]?.steps.append(said)
    }
    gate.grant(slot)
    _ = world.settle(limit: Self.settleLimit)
    modelState.withLockedValue { $0 = model.step($0, slot) }
    history.withLockedValue { $0.append(slot) }
    steps.add(1, ordering: .relaxed)
    return true
  }

  /// Thread `slot`'s line taken apart into its steps (`balance += n`:
  /// `read balance, now 0`, `write balance = 5`): those it took, as they
  /// were, then those it would take next if it went on alone (at most
  /// `limit`; the first is its next step). Empty when it has no line.
  public func lineSteps(_ slot: Int, limit: Int = 8) -> (taken: [StepSaid], coming: [StepSaid]) {
    guard !free.load(ordering: .relaxed) else { return ([], []) }
    var state = modelState.snapshot
    guard state.threads.indices.contains(slot), !state.threads[slot].finished else {
      return ([], [])
    }
    let line = model.nextLine(state, slot)
    let log = lineLog.snapshot[slot]
    let taken = log?.line == line ? log?.steps ?? [] : []
    var coming: [StepSaid] = []
    if let next = model.nextStep(state, slot) { coming.append(next) }
    // Ahead on a copy of the model, this thread alone, while on this line.
    while coming.count < limit, model.runnable(state).contains(slot) {
      state = model.step(state, slot)
      guard !state.threads[slot].finished, model.nextLine(state, slot) == line,
        let next = model.nextStep(state, slot)
      else { break }
      coming.append(next)
    }
    return (taken, coming)
  }

  /// What thread `slot`'s next step does, as the model says it now.
  public func nextStep(_ slot: Int) -> StepSaid? { model.nextStep(modelState.snapshot, slot) }

  /// The steps taken so far, by slot (to replay them, as an undo does).
  public var taken: [Int] { history.snapshot }

  /// The outcomes still reachable from here, with how many schedules end
  /// in each; nil when there are more than `limit` states to count.
  public func reachable(limit: Int) -> [(outcome: String, schedules: UInt64?)]? {
    reachable(limit: limit, goal: nil)?.map { ($0.outcome, $0.schedules) }
  }

  /// The same, each outcome marked when its schedules reach `goal` on the way.
  public func reachable(limit: Int, goal: ChallengeGoal?)
    -> [(outcome: String, schedules: UInt64?, marked: Bool)]?
  {
    let model = model
    var explorer = ProgramExplorer(
      model, limit: limit, mark: goal.map { goal in { goal.isReached(in: $0, of: model) } })
    guard let results = try? explorer.explore(from: modelState.snapshot) else { return nil }
    // A final goal's globals alone: what the learner is asked about; else
    // what differs between the outcomes (all of it when one is left).
    let names = goal?.names
    let common = ProgramOutcome.common(results.map(\.outcome))
    return results.map {
      (
        names.map($0.outcome.text(showing:)) ?? $0.outcome.text(omitting: common), $0.schedules,
        $0.outcome.marked
      )
    }
  }

  /// Whether the run, as stepped so far, stands where `goal` asks, or can
  /// only end there (checked on the model that takes every step beside
  /// the real threads).
  public func reaches(_ goal: ChallengeGoal) -> Bool {
    goal.isDecided(in: modelState.snapshot, of: model)
  }

  /// Whether the goal has happened, not only been decided.
  public func hasReached(_ goal: ChallengeGoal) -> Bool {
    goal.isReached(in: modelState.snapshot, of: model)
  }

  /// The preemptions in the steps taken so far.
  public var preemptions: Int { model.preemptions(in: history.snapshot) }

  /// Lets every thread run freely, at full speed, to the end.
  public func letGo() {
    free.store(true, ordering: .relaxed)
    world.gate?.letGo()
  }

  /// Ends the run where it stands and joins its threads (idempotent).
  public func stop() {
    world.end()
    runner.withLockedValue { runner in
      runner?.join()
      runner = nil
    }
  }

  /// The lines the model expects each slot to take its next step at (for
  /// checking the real threads against it).
  public func modelLines() -> [Int?] {
    let state = modelState.snapshot
    return state.threads.indices.map { slot in
      state.threads[slot].finished ? nil : model.nextLine(state, slot)
    }
  }

  public func view() -> View {
    let ended = done.load(ordering: .relaxed)
    let isFree = free.load(ordering: .relaxed)
    let state = modelState.snapshot
    let runnable = ended || isFree ? [] : model.runnable(state)
    let lines = world.lines.snapshot
    // Let go, the real threads say only which of them are blocked, and where.
    let blockedLines = isFree ? world.blockedLines : [:]
    let order = world.gate?.threadsBySlot ?? []
    let cutOff = world.cutOff.withLockedValue { $0 }
    var (threads, idents) = world.readObjects { objects in
      let threads = order.map { index -> ThreadView in
        let thread = objects.thread(index)
        let slot = order.firstIndex(of: index) ?? 0
        let name = thread.map { $0.name.isEmpty ? "Dummy-\(slot)" : $0.name } ?? "?"
        // Stepped, the model knows whether it reached its end.
        // Let go, the real thread says whether the run ended under it.
        let cutOff =
          ended && thread?.isMain != true
          && (isFree
            ? cutOff.contains(index)
            : slot < state.threads.count && !state.threads[slot].finished)
        if thread?.state == .stopped || (thread?.isMain == true && lines[index] == nil && ended) {
          return ThreadView(name: name, state: .finished, line: nil, cutOff: cutOff)
        }
        if slot < state.threads.count, state.threads[slot].finished, !isFree {
          return ThreadView(name: name, state: .finished, line: nil)
        }
        if isFree, let line = blockedLines[index] {
          return ThreadView(name: name, state: .waiting, line: line)
        }
        let waiting = !isFree && !runnable.contains(slot)
        return ThreadView(
          name: name, state: waiting ? .waiting : .ready, line: isFree ? nil : lines[index],
          next: isFree ? nil : model.nextStep(state, slot))
      }
      let idents = objects.objects.indices.compactMap { index -> (String, String)? in
        guard let ident = objects.thread(index)?.ident, ident != 0 else { return nil }
        return (String(ModelWorld.ident(of: index)), String(ident))
      }
      return (threads, Dictionary(idents, uniquingKeysWith: { first, _ in first }))
    }
    if !isFree {
      let log = lineLog.snapshot
      for slot in threads.indices { threads[slot].lastLine = log[slot]?.line }
    }
    let writers = isFree ? [:] : writers.snapshot
    let globals = program.globalNames.enumerated().compactMap {
      index, name -> (name: String, value: String, writer: Int?)? in
      guard let value = world.readGlobal(index), value.isData else { return nil }
      if case .iterator = value { return nil }
      return (name, world.readObjects { value.repr($0) }, writers[index])
    }
    return View(
      threads: threads, globals: globals,
      held: isFree ? [] : heldLocks(order: order),
      semaphores: isFree ? [] : semaphoreValues(), output: text.snapshot,
      steps: steps.load(ordering: .relaxed), runnable: runnable, ended: ended,
      // The model's when stepped; the real threads' own finding when let go.
      deadlock: (!ended && !isFree && runnable.isEmpty && !model.ended(state))
        || world.deadlock.snapshot != nil,
      free: isFree,
      idents: idents
    ).withRealIdents()
  }
}

extension ProgramStepper {
  /// The semaphores globals name, with their values now.
  fileprivate func semaphoreValues() -> [(name: String, value: Int)] {
    world.readObjects { objects in
      program.globalNames.enumerated().compactMap { index, name in
        guard case .object(let object) = world.readGlobal(index),
          case .semaphore(let value, _) = objects.objects[object]
        else { return nil }
        return (name, value)
      }
    }
  }

  /// The locks held now, by the global that names them (`lock`,
  /// `forks[1]`; a condition's lock by the condition's name; nil for a lock
  /// only a thread's own variable holds), with the slot of each holder.
  fileprivate func heldLocks(order: [Int]) -> [(name: String?, holder: Int)] {
    world.readObjects { objects in
      func owner(_ value: Value) -> Int? {
        guard case .object(let index) = value else { return nil }
        switch objects.objects[index] {
        case .lock(let lock): return lock.owner
        case .condition(let lockIndex, _, _):
          guard case .lock(let lock) = objects.objects[lockIndex] else { return nil }
          return lock.owner
        default: return nil
        }
      }
      var held: [(name: String?, holder: Int)] = []
      var named: Set<Int> = []
      for (index, name) in program.globalNames.enumerated() {
        guard let value = world.readGlobal(index) else { continue }
        var items: [(String, Value)] = [(name, value)]
        if case .list(let list) = value {
          items = list.enumerated().map { ("\(name)[\($0)]", $1) }
        }
        for (shown, item) in items {
          if case .object(let object) = item { named.insert(object) }
          if let owner = owner(item), let slot = order.firstIndex(of: owner) {
            held.append((shown, slot))
          }
        }
      }
      // A lock in a thread's own variable, held: still a lock someone holds.
      let conditionLocks = Set(
        objects.objects.compactMap { object -> Int? in
          if case .condition(let lock, _, _) = object { return lock }
          return nil
        })
      for (index, object) in objects.objects.enumerated()
      where !named.contains(index) && !conditionLocks.contains(index) {
        if case .lock(let lock) = object, let owner = lock.owner,
          let slot = order.firstIndex(of: owner)
        {
          held.append((nil, slot))
        }
      }
      return held
    }
  }
}

extension ProgramStepper.View {
  /// What the model says of each thread's next step, with real idents.
  fileprivate func withRealIdents() -> Self {
    var view = self
    for index in view.threads.indices {
      view.threads[index].next = view.threads[index].next.map { $0.mapValues(realIdents) }
    }
    return view
  }
}
