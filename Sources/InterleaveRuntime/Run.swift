import CSystem
import Glibc
import Synchronization

/// One run of a scenario on real threads.
///
/// Thread 0 plays Python's `MainThread`: it starts the workers, joins them and
/// reports. Workers 1...N start behind a barrier so that they overlap.
/// Everything here can be read from any thread while the run goes on.
public final class Run: Sendable {
  public let configuration: RunConfiguration
  /// Display names: index 0 is `MainThread`, then the workers.
  public let names: [String]
  public let pacer: Pacer
  public let queue: EventQueue
  let shared: RunShared
  private let mainThread = LockedBox<OSThread?>(nil)
  private let ended = Atomic<UInt64>(0)
  private let finishedFlag = Atomic<Bool>(false)
  private let spawnFailures = Atomic<Int>(0)

  /// Events a run's queue holds before it drops: 16K, a ring small enough
  /// to go back to the system when the run ends (see BENCHMARKS.md).
  public static let defaultQueueCapacity = 1 << 14

  /// Starts the run.
  /// - Parameters:
  ///   - chinese: name the loop thread `循环线程` instead of `LoopThread`.
  ///   - paused: start paused (for single-stepping from the first step).
  ///   - chooser: run one step at a time in the order it chooses (seeded,
  ///     replayed or explored); nil lets the OS interleave freely.
  public init(
    _ configuration: RunConfiguration, chinese: Bool = false, paused: Bool = false,
    queueCapacity: Int = Run.defaultQueueCapacity, chooser: ScheduleChooser? = nil
  ) {
    self.configuration = configuration
    names =
      [ThreadName.main]
      + (1...configuration.threads).map {
        ThreadName.worker(
          $0, of: configuration.threads, scenario: configuration.scenario, chinese: chinese)
      }
    pacer = Pacer(speed: configuration.speed, paused: paused, scheduled: chooser != nil)
    queue = EventQueue(capacity: queueCapacity)
    shared = RunShared(
      configuration: configuration, pacer: pacer, queue: queue,
      scheduler: chooser.map { StepScheduler(chooser: $0, workers: configuration.threads) })
    let thread = OSThread.spawn { [self] in coordinate() }
    mainThread.withLockedValue { $0 = thread }
    if thread == nil {
      // No MainThread: no worker was even tried.
      spawnFailures.add(configuration.threads + 1, ordering: .relaxed)
      finish()
    }
  }

  // MARK: - Reading

  public var isFinished: Bool { finishedFlag.load(ordering: .acquiring) }
  public var balance: Int { shared.balance.value }
  public var expectedBalance: Int? { ScenarioBodies.expectedBalance(configuration) }
  public var deadlock: DeadlockCycle? { shared.deadlock.snapshot }
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
  public var failedThreads: Int { spawnFailures.load(ordering: .relaxed) }

  /// Nanoseconds since the start (frozen once the run ends).
  public var elapsed: UInt64 {
    let end = ended.load(ordering: .relaxed)
    return (end == 0 ? MonotonicClock.now() : end) &- shared.origin
  }

  /// Every thread's counters now, main thread first.
  public func threads() -> [WorkerSnapshot] {
    shared.counters.indices.map { shared.counters[$0].snapshot(index: $0, name: names[$0]) }
  }

  /// Every lock's counters now, waiters in arrival order.
  public func locks() -> [LockSnapshot] {
    let waiting = shared.counters.indices.compactMap { index -> (Int, Int, Int)? in
      let lock = shared.counters[index].waitingFor.load(ordering: .relaxed)
      guard lock >= 0 else { return nil }
      return (lock, shared.counters[index].waitTicket.load(ordering: .relaxed), index)
    }
    return shared.locks.map { lock in
      let waiters = waiting.filter { $0.0 == lock.id }.sorted { $0.1 < $1.1 }.map(\.2)
      return lock.snapshot(waiters: waiters)
    }
  }

  public func lockName(_ id: Int) -> String {
    shared.locks.indices.contains(id) ? shared.locks[id].name : "#\(id)"
  }

  // MARK: - Control

  /// Stops every thread (even deadlocked ones) and waits for them to end.
  public func cancel() {
    pacer.cancel()
    shared.barrier.open()
    shared.scheduler?.wakeAll()
    wait()
  }

  /// Waits for the run to end by itself.
  public func wait() {
    let thread = mainThread.withLockedValue { thread -> OSThread? in
      defer { thread = nil }
      return thread
    }
    thread?.join()
  }

  // MARK: - Threads

  private func finish() {
    ended.store(MonotonicClock.now(), ordering: .relaxed)
    finishedFlag.store(true, ordering: .releasing)
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
        shared.barrier.open()
      }
    }
    main.set(.waiting)
    // Under a scheduler the join events are left out: when a join returns
    // depends on the OS, and a seeded run's events must not.
    let reportJoins = shared.scheduler == nil
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
    let context = WorkerContext(index: index, shared: shared)
    record(started: context.counters, index: index)
    shared.barrier.arriveAndWait()
    do {
      try ScenarioBodies.run(context)
      context.counters.set(.finished)
      end(context, .finished)
    } catch {
      context.counters.set(.cancelled)
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
