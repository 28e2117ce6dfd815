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

  init(configuration: RunConfiguration, pacer: Pacer, queue: EventQueue) {
    self.configuration = configuration
    self.pacer = pacer
    self.queue = queue
    origin = MonotonicClock.now()
    locks = configuration.scenario.lockNames.enumerated().map {
      TracedLock(id: $0.offset, name: $0.element)
    }
    counters = (0...configuration.threads).map { _ in WorkerCounters() }
    barrier = StartBarrier(parties: configuration.threads)
  }

  func emit(_ thread: Int, _ kind: EventKind) {
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
    let isFirst = deadlock.withLockedValue { found -> Bool in
      guard found == nil else { return false }
      found = cycle
      return true
    }
    if isFirst { emit(thread, .deadlock(length: cycle.links.count)) }
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
