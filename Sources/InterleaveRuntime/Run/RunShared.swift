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
  let primitives: [any Primitive]
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
    primitives = configuration.scenario.primitives(configuration).enumerated().map {
      switch $0.element.kind {
      case .mutex: TracedMutex(id: $0.offset, name: $0.element.name)
      }
    }
    let stepsPerIteration = configuration.scenario.descriptor.stepsPerFullSpeedIteration
    counters = (0...configuration.threads).map { _ in
      WorkerCounters(stepsPerFullSpeedIteration: stepsPerIteration)
    }
    barrier = StartBarrier(parties: configuration.threads)
  }

  /// Primitive `id` as the mutex the scenario declared it to be.
  func mutex(_ id: Int) -> TracedMutex { primitives[id] as! TracedMutex }

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
  }

  /// Whether a thread blocking on primitive `id` could go on now.
  func isAvailable(_ id: Int) -> Bool { primitives[id].isAvailable() }

  /// Called by the scheduler when nobody can run: names the cycle.
  func scheduledDeadlock(_ parked: [Int: Int]) {
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
