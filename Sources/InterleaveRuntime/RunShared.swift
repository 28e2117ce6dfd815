import Synchronization

/// What every thread of one run shares: pacing, the event queue, the balance,
/// the locks and each thread's counters.
final class RunShared: Sendable {
  let configuration: RunConfiguration
  let origin: UInt64
  let pacer: Pacer
  let queue: EventQueue
  let balance = SharedBalance()
  let locks: [TracedLock]
  /// Index 0 is the main thread, 1...N the workers.
  let counters: [WorkerCounters]
  let barrier: StartBarrier
  let waitTickets = Atomic<Int>(0)
  let deadlock = LockedBox<DeadlockCycle?>(nil)
  /// Set for seeded, replayed or explored runs: one step at a time.
  let scheduler: StepScheduler?

  init(configuration: RunConfiguration, pacer: Pacer, queue: EventQueue, scheduler: StepScheduler?)
  {
    self.configuration = configuration
    self.pacer = pacer
    self.queue = queue
    self.scheduler = scheduler
    origin = MonotonicClock.now()
    locks = configuration.scenario.lockNames.enumerated().map {
      TracedLock(id: $0.offset, name: $0.element)
    }
    let stepsPerIteration = ScenarioBodies.stepsPerFullSpeedIteration(configuration.scenario)
    counters = (0...configuration.threads).map { _ in
      WorkerCounters(stepsPerFullSpeedIteration: stepsPerIteration)
    }
    barrier = StartBarrier(parties: configuration.threads)
  }

  /// Sends an event to the queue, counting it against `thread` first.
  func emit(_ thread: Int, _ kind: EventKind) {
    counters[thread].emitted.add(1, ordering: .relaxed)
    queue.push(Event(time: MonotonicClock.now() &- origin, thread: thread, kind: kind))
  }

  /// Looks for a wait-for cycle through `thread`; reports the first one found.
  func checkDeadlock(from thread: Int) {
    let cycle = DeadlockCycle.find(
      from: thread,
      waitingFor: { counters[$0].waitingFor.load(ordering: .sequentiallyConsistent) },
      owner: { locks[$0].owner.load(ordering: .sequentiallyConsistent) },
      threads: counters.count)
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
  }

  /// Whether a lock is free now.
  func isFree(_ lock: Int) -> Bool { locks[lock].owner.load(ordering: .sequentiallyConsistent) < 0 }

  /// Called by the scheduler when nobody can run: names the cycle.
  func scheduledDeadlock(_ parked: [Int: Int]) {
    for (thread, lock) in parked.sorted(by: { $0.key < $1.key }) where lock >= 0 {
      counters[thread].waitingFor.store(lock, ordering: .sequentiallyConsistent)
    }
    for thread in parked.keys.sorted() where parked[thread]! >= 0 {
      if let cycle = DeadlockCycle.find(
        from: thread, waitingFor: { parked[$0] ?? -1 },
        owner: { locks[$0].owner.load(ordering: .sequentiallyConsistent) }, threads: counters.count)
      {
        report(cycle, by: thread)
        return
      }
    }
  }
}

extension Scenario {
  /// The locks the scenario uses, by name.
  var lockNames: [String] {
    switch self {
    case .locked, .coarse: return ["lock"]
    case .deadlock: return ["A", "B"]
    case .loop, .race, .atomic: return []
    }
  }
}
