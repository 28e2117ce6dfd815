import CSystem
import Glibc
import InterleavePlatform
import Synchronization

/// One run of a scenario on real threads.
///
/// Thread 0 plays Python's `MainThread`: it starts the workers, joins them and
/// reports. Workers 1...N start behind a barrier so that they overlap.
/// Everything here can be read from any thread while the run goes on.
public final class Run: Sendable {
  public let configuration: RunConfiguration
  /// Thread names (for the OS): index 0 is `MainThread`, then the workers.
  public let names: [String]
  public let pacer: Pacer
  public let queue: EventQueue
  let shared: RunShared
  private let mainThread = LockedBox<OSThread?>(nil)
  private let ended = Atomic<UInt64>(0)
  private let finishedFlag = Atomic<Bool>(false)
  private let spawnFailures = Atomic<Int>(0)
  /// Each primitive's calls and contended calls as last sampled.
  private let shown = LockedBox<[Int: (Int, Int)]>([:])

  /// Events a run's queue holds before it drops: 16K, a ring small enough
  /// to go back to the system when the run ends (see BENCHMARKS.md).
  public static let defaultQueueCapacity = 1 << 14

  /// Starts the run.
  /// - Parameters:
  ///   - names: what to call each thread for the OS (`ps -L`), main thread
  ///     first; by default `MainThread`, `Thread-1`, ... as Python names them.
  ///   - paused: start paused (for single-stepping from the first step).
  ///   - chooser: run one step at a time in the order it chooses (seeded,
  ///     replayed or explored); nil lets the OS interleave freely.
  public init(
    _ configuration: RunConfiguration, names: [String]? = nil, paused: Bool = false,
    queueCapacity: Int = Run.defaultQueueCapacity, chooser: ScheduleChooser? = nil
  ) {
    self.configuration = configuration
    precondition(names == nil || names!.count == configuration.threads + 1, "one name per thread")
    self.names = names ?? (["MainThread"] + (1...configuration.threads).map { "Thread-\($0)" })
    let origin = MonotonicClock.now()
    pacer = Pacer(
      speed: configuration.speed, paused: paused, scheduled: chooser != nil, origin: origin)
    queue = EventQueue(capacity: queueCapacity)
    shared = RunShared(
      configuration: configuration, origin: origin, pacer: pacer, queue: queue,
      scheduler: chooser.map { StepScheduler(chooser: $0, workers: configuration.threads) })
    let thread = OSThread.spawn { [self] in coordinate() }
    mainThread.withLockedValue { $0 = thread }
    if thread == nil {
      // No MainThread: no worker was even tried.
      spawnFailures.add(configuration.threads + 1, ordering: .relaxed)
      for counters in shared.counters { counters.set(.refused) }
      finish()
    }
  }

  // MARK: - Reading

  public var isFinished: Bool { finishedFlag.load(ordering: .acquiring) }
  public var balance: Int { shared.balance.value }
  public var expectedBalance: Int? { configuration.expectedBalance }
  public var deadlock: DeadlockCycle? { shared.deadlock.snapshot }
  /// The workers left waiting on a condition nobody will notify, if so.
  public var hang: [Int]? { shared.hang.snapshot }
  /// The scenario's own figures now (empty for the seed's scenarios).
  public var figures: [ScenarioFigure] { shared.state?.figures() ?? [] }
  /// Whether every step so far was traced (so lost updates were all counted):
  /// a scheduled run, or one that never ran at full speed.
  public var tracedEveryStep: Bool { shared.scheduler != nil || !pacer.ranAtFullSpeed }

  /// The scheduler of a seeded, replayed or explored run.
  public var scheduler: StepScheduler? { shared.scheduler }

  /// Events the run's threads have emitted so far, queued or dropped.
  /// Final once `isFinished`: then `received + queue.dropped` equals it.
  public var producedEvents: Int {
    shared.counters.reduce(0) { $0 + $1.emitted.load(ordering: .relaxed) }
  }

  /// Threads that never ran because the system refused to create them
  /// (MainThread counts, and when it fails so do all the workers).
  public var failedThreads: Int {
    spawnFailures.load(ordering: .relaxed) + shared.childFailures.load(ordering: .relaxed)
  }

  /// Why the system refused a worker's child process, the first time it did
  /// (`fork: Resource temporarily unavailable`).
  public var refusal: String? { shared.childRefusal.withLockedValue { $0 } }

  /// Nanoseconds since the start (frozen once the run ends).
  public var elapsed: UInt64 {
    let end = ended.load(ordering: .relaxed)
    return (end == 0 ? MonotonicClock.now() : end) &- shared.origin
  }

  /// Nanoseconds the run has been running: `elapsed` without its pauses
  /// (the dashboard's clock stops while paused).
  public var activeElapsed: UInt64 {
    let end = ended.load(ordering: .relaxed)
    let now = end == 0 ? MonotonicClock.now() : end
    let paused = pacer.pausedTime(until: now)
    return now &- shared.origin &- min(paused, now &- shared.origin)
  }

  /// Every thread's counters now, main thread first.
  public func threads() -> [WorkerSnapshot] {
    shared.counters.indices.map { shared.counters[$0].snapshot(index: $0, name: names[$0]) }
  }

  /// Every primitive's counters now, waiters in arrival order.
  public func primitives() -> [PrimitiveSnapshot] {
    // The counts first, the waiters after: a thread stops being a waiter
    // before its acquisition is counted, so read in this order it is never
    // counted twice (which would make the panel's total drop a frame later).
    let span = activeElapsed
    var snapshots = shared.primitives.map { $0.snapshot(waiters: [], span: span) }
    let waiting = shared.counters.indices.compactMap { index -> (Int, Int, Int)? in
      let primitive = shared.counters[index].waitingFor.load(ordering: .sequentiallyConsistent)
      guard primitive >= 0 else { return nil }
      return (primitive, shared.counters[index].waitTicket.load(ordering: .relaxed), index)
    }
    // (A condition lists its own queue.)
    for index in snapshots.indices where snapshots[index].kind != .condition {
      let id = snapshots[index].id
      snapshots[index].waiters = waiting.filter { $0.0 == id }.sorted { $0.1 < $1.1 }.map(\.2)
    }
    return shown.withLockedValue { shown in
      for index in snapshots.indices {
        let id = snapshots[index].id
        if let before = shown[id] {
          (snapshots[index].shownCalls, snapshots[index].shownContended) = before
        }
        shown[id] = (snapshots[index].calls, snapshots[index].contendedCalls)
      }
      return snapshots
    }
  }

  // MARK: - Control

  /// Stops every thread (even deadlocked ones) and waits for them to end.
  public func cancel() {
    pacer.cancel()
    shared.barrier.open()
    shared.scheduler?.wakeAll()
    wait()
  }

  /// Waits for the run to end by itself. Any number of callers may wait:
  /// the first joins the main thread holding the box's lock, so a second
  /// returns only once that join has.
  public func wait() {
    mainThread.withLockedValue { thread in
      thread?.join()
      thread = nil
    }
  }

  /// Waits up to `nanoseconds` for the run to end or get stuck; returns at
  /// once if it has. A reader that polls waits here instead of sleeping,
  /// so the run's end is seen the moment it comes.
  public func awaitEnd(within nanoseconds: UInt64) {
    let seen = shared.endings.withValue { $0 }
    guard !isFinished else { return }
    _ = shared.endings.wait(until: MonotonicClock.now() &+ nanoseconds) { $0 != seen }
  }

  // MARK: - Threads

  private func finish() {
    ended.store(MonotonicClock.now(), ordering: .relaxed)
    finishedFlag.store(true, ordering: .releasing)
    shared.noteEnding()
  }

  /// Waits until `done` holds, woken when the run ends or gets stuck (and
  /// every 10 ms besides, for a schedule that fails without ending it).
  func waitFor(_ done: () -> Bool) {
    while !done() {
      let seen = shared.endings.withValue { $0 }
      guard !done() else { return }
      _ = shared.endings.wait(until: MonotonicClock.now() &+ 10_000_000) { $0 != seen }
    }
  }

  private func coordinate() {
    OSThread.nameCurrent(names[0])
    let main = shared.counters[0]
    record(started: main, index: 0)
    var workers: [(Int, OSThread)] = []
    for index in 1...configuration.threads {
      if let thread = OSThread.spawn({ [self] in work(index) }) {
        workers.append((index, thread))
      } else {
        spawnFailures.add(1, ordering: .relaxed)
        shared.counters[index].set(.refused)
        shared.barrier.open()
        // A scheduler waits for every live worker: this one never comes.
        shared.scheduler?.exit(
          index, isAvailable: { shared.isAvailable($0, for: $1) },
          onDeadlock: shared.scheduledDeadlock)
      }
    }
    if configuration.scenario.traits.mainWaits == .sleep {
      // `_thread` has no join(): the main thread sleeps until every worker is
      // done (it only reaps them after, which then takes no time).
      main.set(.sleeping)
      while workers.contains(where: { !shared.counters[$0.0].state(isDone: true) }) {
        usleep(5_000)
      }
    }
    main.set(.waiting)
    // Under a scheduler the join events are left out: when a join returns
    // depends on the OS, and a seeded run's events must not.
    let reportJoins = shared.scheduler == nil && configuration.scenario.traits.mainWaits == .join
    for (index, thread) in workers {
      if reportJoins { shared.emit(0, .joining(thread: index)) }
      thread.join()
      if reportJoins { shared.emit(0, .joined(thread: index)) }
    }
    let cancelled = pacer.isCancelled
    main.set(cancelled ? .cancelled : .finished)
    // The last event goes out before `isFinished` turns true, so a consumer
    // that drains after seeing `isFinished` has every event.
    shared.emit(0, cancelled ? .cancelled : .finished)
    finish()
  }

  private func record(started counters: WorkerCounters, index: Int) {
    let tid = il_gettid()
    let ident = UInt(pthread_self())
    counters.tid.store(Int(tid), ordering: .relaxed)
    counters.ident.store(ident, ordering: .relaxed)
    counters.cpu.store(Int(il_sched_getcpu()), ordering: .relaxed)
    counters.set(.running)
    if index == 0 || shared.scheduler == nil {
      shared.emit(index, .started(tid: tid, ident: ident))
    }
  }

  private func work(_ index: Int) {
    OSThread.nameCurrent(names[index])
    if configuration.pinned { _ = il_pin_to_slot(Int32(index - 1)) }
    // More workers than cores would starve the dashboard's one thread of
    // the CPU (a frame every 2 s at 256 threads): they give way to it. With
    // no more workers than cores they keep their priority, so that a race
    // still overlaps on a machine where something else is busy.
    if configuration.threads > RunConfiguration.usableCores {
      _ = il_lower_priority(2)
    }
    let context = WorkerContext(index: index, shared: shared)
    record(started: context.counters, index: index)
    shared.barrier.arriveAndWait()
    context.counters.startedAt.store(pacer.activeNow(), ordering: .relaxed)
    // The CPU it uses from here: its set-up before the start is no part of
    // the span it runs in.
    let cpuAtStart = ThreadCPUClock.now()
    defer {
      context.counters.cpuNs.store(
        ThreadCPUClock.now() &- min(cpuAtStart, ThreadCPUClock.now()), ordering: .relaxed)
      context.counters.endedAt.store(pacer.activeNow(), ordering: .relaxed)
    }
    do {
      try configuration.scenario.descriptor.run(context)
      context.counters.set(.finished)
      end(context, .finished)
    } catch {
      context.counters.set(context.refused ? .refused : .cancelled)
      end(context, .cancelled)
    }
  }

  private func end(_ context: WorkerContext, _ kind: EventKind) {
    if shared.scheduler == nil {
      shared.emit(context.index, kind)
    } else {
      context.leaveSchedule(kind)
    }
  }
}
