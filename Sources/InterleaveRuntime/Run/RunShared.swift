import InterleavePlatform
import Synchronization

/// What every thread of one run shares: pacing, the event queue, the balance,
/// the primitives and each thread's counters.
final class RunShared: Sendable {
  let configuration: RunConfiguration
  let origin: UInt64
  let pacer: Pacer
  let queue: EventQueue
  let balance = SharedBalance()
  /// Workers whose child process the system refused, and the first reason.
  let childFailures = Atomic<Int>(0)
  let childRefusal = LockedBox<String?>(nil)
  let primitives: [any Primitive]
  /// The same by kind, at their ids (nil where the id is another kind).
  private let mutexes: [TracedMutex?]
  private let semaphores: [TracedSemaphore?]
  private let conditions: [TracedCondition?]
  /// Index 0 is the main thread, 1...N the workers.
  let counters: [WorkerCounters]
  let barrier: StartBarrier
  let waitTickets = Atomic<Int>(0)
  let deadlock = LockedBox<DeadlockCycle?>(nil)
  /// Set for seeded, replayed or explored runs: one step at a time.
  let scheduler: StepScheduler?
  /// What the scenario keeps beyond the balance, if anything.
  let state: (any ScenarioState)?
  /// Set when every live worker waits on a condition nobody will notify:
  /// the waiting workers.
  let hang = LockedBox<[Int]?>(nil)
  /// Bumped whenever the run may have ended or got stuck (finished, a
  /// deadlock or a hang found), waking whoever waits for that.
  let endings = Monitor<Int>(0)

  /// Wakes those waiting for the run to end or get stuck.
  func noteEnding() { endings.change { $0 &+= 1 } }

  init(
    configuration: RunConfiguration, origin: UInt64, pacer: Pacer, queue: EventQueue,
    scheduler: StepScheduler?
  ) {
    self.configuration = configuration
    self.origin = origin
    self.pacer = pacer
    self.queue = queue
    self.scheduler = scheduler
    state = configuration.scenario.descriptor.makeState(configuration)
    primitives = configuration.scenario.primitives(configuration).enumerated().map {
      (id, spec) -> any Primitive in
      switch spec.kind {
      case .mutex: return TracedMutex(id: id, name: spec.name, clock: { pacer.activeNow() })
      case .semaphore:
        return TracedSemaphore(
          id: id, name: spec.name, permits: spec.permits, bounded: spec.bounded)
      case .condition: return TracedCondition(id: id, name: spec.name, lock: spec.lock)
      }
    }
    mutexes = primitives.map { $0 as? TracedMutex }
    semaphores = primitives.map { $0 as? TracedSemaphore }
    conditions = primitives.map { $0 as? TracedCondition }
    let stepsPerIteration = configuration.scenario.descriptor.stepsPerFullSpeedIteration
    counters = (0...configuration.threads).map { _ in
      WorkerCounters(stepsPerFullSpeedIteration: stepsPerIteration)
    }
    barrier = StartBarrier(parties: configuration.threads)
  }

  /// Primitive `id` as the mutex the scenario declared it to be.
  func mutex(_ id: Int) -> TracedMutex { Self.declared(mutexes, id, "mutex") }

  /// Primitive `id` as the semaphore the scenario declared it to be.
  func semaphore(_ id: Int) -> TracedSemaphore { Self.declared(semaphores, id, "semaphore") }

  /// Primitive `id` as the condition the scenario declared it to be.
  func condition(_ id: Int) -> TracedCondition { Self.declared(conditions, id, "condition") }

  /// A scenario's code asking for a primitive its declaration does not
  /// have is a bug in that scenario, found by its first run in the tests.
  private static func declared<P>(_ kind: [P?], _ id: Int, _ name: String) -> P {
    guard kind.indices.contains(id), let primitive = kind[id] else {
      preconditionFailure("the scenario declares no \(name) with id \(id)")
    }
    return primitive
  }

  /// Sends an event to the queue, counting it against `thread` first.
  func emit(_ thread: Int, _ kind: EventKind) {
    counters[thread].emitted.add(1, ordering: .relaxed)
    queue.push(Event(time: MonotonicClock.now() &- origin, thread: thread, kind: kind))
  }

  /// Looks for a deadlock `thread` is caught in; reports the first one found.
  func checkDeadlock(from thread: Int) {
    let cycle = DeadlockCycle.find(
      from: thread,
      waitingFor: { counters[$0].waitingFor.load(ordering: .sequentiallyConsistent) },
      holders: { primitives[$0].holders() }, threads: counters.count)
    guard let cycle else { return }
    report(cycle, by: thread)
  }

  /// Records the first deadlock found and emits one event for it.
  func report(_ cycle: DeadlockCycle, by thread: Int) {
    let isFirst = deadlock.withLockedValue { found -> Bool in
      guard found == nil else { return false }
      found = cycle
      return true
    }
    if isFirst { emit(thread, .deadlock(length: cycle.links.count)) }
    noteEnding()
  }

  /// The scenario's state, as the type its descriptor made.
  func state<State: ScenarioState>(as type: State.Type) -> State {
    guard let state = state as? State else {
      preconditionFailure("the scenario's state is not a \(State.self)")
    }
    return state
  }

  /// Looks for a hang: every live worker waiting on a condition, not
  /// notified. Reports the first one found.
  func checkHang(from thread: Int) {
    var waiting: [Int] = []
    for worker in 1..<counters.count {
      let counter = counters[worker]
      if counter.state(isDone: true) { continue }
      let primitive = counter.waitingFor.load(ordering: .sequentiallyConsistent)
      guard primitive >= 0, let condition = primitives[primitive] as? TracedCondition,
        condition.isWaiting(worker)
      else { return }
      waiting.append(worker)
    }
    guard !waiting.isEmpty else { return }
    reportHang(waiting, by: thread)
  }

  /// Records the first hang found and emits one event for it.
  func reportHang(_ waiting: [Int], by thread: Int) {
    let isFirst = hang.withLockedValue { found -> Bool in
      guard found == nil else { return false }
      found = waiting
      return true
    }
    if isFirst { emit(thread, .hang(waiting: waiting.count)) }
    noteEnding()
  }

  /// Whether `thread`, blocking on primitive `id`, could go on now.
  func isAvailable(_ id: Int, for thread: Int) -> Bool { primitives[id].isAvailable(for: thread) }

  /// Called by the scheduler when nobody can run: names the cycle, or the
  /// hang when everybody waits on a condition.
  func scheduledDeadlock(_ parked: [Int: Int]) {
    defer { noteEnding() }
    let onConditions = parked.filter { $0.value >= 0 && primitives[$0.value] is TracedCondition }
    if !onConditions.isEmpty, onConditions.count == parked.count {
      for (thread, primitive) in parked {
        counters[thread].waitingFor.store(primitive, ordering: .sequentiallyConsistent)
      }
      reportHang(parked.keys.sorted(), by: parked.keys.min()!)
      return
    }
    for (thread, primitive) in parked.sorted(by: { $0.key < $1.key }) where primitive >= 0 {
      counters[thread].waitingFor.store(primitive, ordering: .sequentiallyConsistent)
    }
    for thread in parked.keys.sorted() where parked[thread]! >= 0 {
      if let cycle = DeadlockCycle.find(
        from: thread, waitingFor: { parked[$0] ?? -1 },
        holders: { primitives[$0].holders() }, threads: counters.count)
      {
        report(cycle, by: thread)
        return
      }
    }
  }
}
