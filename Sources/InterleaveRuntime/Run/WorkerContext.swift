import CSystem
import Glibc
import InterleavePlatform

/// One thread's view of a run: the step points its scenario passes through.
///
/// Every step point applies pacing, bumps this thread's own counters and, when
/// the run is not at full speed, emits an event. At full speed the `race`,
/// `locked` and `atomic` bodies skip step points and run whole iterations
/// (see `atFullSpeed`); the other scenarios' step points then cost one
/// relaxed load of the pacing mode and a counter bump.
final class WorkerContext {
  let index: Int
  let shared: RunShared
  let counters: WorkerCounters
  /// Held directly (not through `shared`) to save a load on every step.
  let pacer: Pacer
  let scheduler: StepScheduler?
  /// The balance word this thread read last (its value and writer).
  var lastReadWord = 0
  /// The system refused what this worker needed (a child process): it
  /// ends refused, not cancelled.
  var refused = false
  /// Under a scheduler, `started` goes out with the thread's first turn.
  private var announced = false
  /// Under a scheduler, the number of the step being taken (1-based).
  private(set) var currentStep = 0
  /// Under a scheduler, how long this step waited for its primitive (nil:
  /// it did not wait), for the acquire that follows to report.
  private var scheduledWait: UInt64?

  init(index: Int, shared: RunShared) {
    self.index = index
    self.shared = shared
    self.counters = shared.counters[index]
    self.pacer = shared.pacer
    self.scheduler = shared.scheduler
  }

  // MARK: - Pacing

  /// Waits for this step's turn; returns whether to trace it.
  /// - Parameter primitive: the primitive this step blocks on, if it may block.
  /// - Parameter announcing: an event that goes out when the step begins
  ///   (within its scheduled turn, before its pacing delay), for a step that
  ///   lasts as long as its delay (a sleep); other steps are logged by their
  ///   callers once they have happened.
  @inline(__always)
  func step(wants primitive: Int? = nil, announcing: EventKind? = nil) throws(Cancelled) -> Bool {
    #if INTERLEAVE_NO_STEP_POINTS
      // Benchmark builds only: the scenarios' loops with no pacing, tracing or counters.
      return false
    #else
      return try takeStep(wants: primitive, announcing: announcing)
    #endif
  }

  @inline(__always)
  private func takeStep(wants primitive: Int?, announcing: EventKind?) throws(Cancelled) -> Bool {
    // At full speed: this one load and the counter below. A scheduled run's
    // pacer is never in `full` mode, so its steps all take the slow path.
    var traced = false
    if pacer.mode.load(ordering: .relaxed) != Pacer.Mode.full.rawValue {
      traced = try slowStep(wants: primitive, announcing: announcing)
    }
    let steps = counters.steps.load(ordering: .relaxed) &+ 1
    counters.steps.store(steps, ordering: .relaxed)
    // Which core the thread is on, every 4096 steps (and every traced step).
    if traced || steps & 4095 == 1 {
      counters.cpu.store(Int(il_sched_getcpu()), ordering: .relaxed)
    }
    return traced
  }

  /// A step that is paced, paused, cancelled or scheduled.
  /// - Returns: whether to trace it (always, except at full speed).
  @inline(never)
  private func slowStep(wants primitive: Int?, announcing: EventKind?) throws(Cancelled) -> Bool {
    var traced = false
    // `!= nil`, not `if let`: binding would retain the scheduler on every
    // step, and two threads retaining one object fight over its cache line.
    if scheduler != nil {
      try scheduledTurn(wants: primitive)
      traced = true
    }
    if let announcing, !pacer.isCancelled { log(announcing) }
    return try pacer.slowPath() || traced
  }

  /// Parks until the scheduler gives this thread the next step.
  @inline(never)
  private func scheduledTurn(wants primitive: Int?) throws(Cancelled) {
    guard let scheduler else { return }
    let shared = shared
    let pacer = pacer
    let blocked = primitive.map { !shared.isAvailable($0, for: index) } ?? false
    let start = blocked ? pacer.activeNow() : 0
    scheduledWait = nil
    if let primitive, blocked {
      counters.waitingFor.store(primitive, ordering: .sequentiallyConsistent)
      counters.set(.waiting)
      log(.waiting(primitive: primitive))
    }
    defer {
      if blocked {
        counters.waitingFor.store(-1, ordering: .sequentiallyConsistent)
        counters.set(.running)
      }
    }
    currentStep = try scheduler.awaitTurn(
      index, wants: primitive, isAvailable: { shared.isAvailable($0, for: $1) },
      cancelled: { pacer.isCancelled },
      onDeadlock: shared.scheduledDeadlock)
    if blocked { scheduledWait = pacer.activeNow() &- start }
    announceOnce()
  }

  /// Under a scheduler, `started` goes out within the thread's first turn.
  private func announceOnce() {
    guard !announced else { return }
    announced = true
    log(
      .started(
        tid: Int32(counters.tid.load(ordering: .relaxed)),
        ident: counters.ident.load(ordering: .relaxed)))
  }

  /// How long the scheduler kept this step waiting for its primitive (nil:
  /// not at all); read once, by the acquire the step is.
  func takeScheduledWait() -> UInt64? {
    defer { scheduledWait = nil }
    return scheduledWait
  }

  /// Under a scheduler: reports the end (within the last turn) and lets the next thread go.
  func leaveSchedule(_ kind: EventKind) {
    guard let scheduler else { return }
    announceOnce()
    log(kind)
    scheduler.exit(
      index, isAvailable: { shared.isAvailable($0, for: $1) }, onDeadlock: shared.scheduledDeadlock)
  }

  /// Emits an event now, whatever the speed.
  func log(_ kind: EventKind) { shared.emit(index, kind) }

  /// Marks the end of one loop iteration.
  @inline(__always)
  func iterationDone() { counters.bump(counters.iterations) }

  // MARK: - Whole iterations at full speed

  /// Whether the next iteration may run whole without step points: full
  /// speed and no scheduler. One relaxed load per iteration; a change of
  /// speed, a pause or a cancel takes effect at the next iteration.
  @inline(__always)
  var atFullSpeed: Bool {
    #if INTERLEAVE_NO_STEP_POINTS
      // Benchmark builds only: every iteration goes through the (empty) step points.
      return false
    #else
      return pacer.mode.load(ordering: .relaxed) == Pacer.Mode.full.rawValue
    #endif
  }

  /// Ends an iteration that ran whole at full speed: one counter, from
  /// which snapshots derive its iterations and steps.
  @inline(__always)
  func fullSpeedIterationDone() {
    let iterations = counters.fullSpeedIterations.load(ordering: .relaxed) &+ 1
    counters.fullSpeedIterations.store(iterations, ordering: .relaxed)
    // Which core the thread is on, every 1024 iterations.
    if iterations & 1023 == 1 {
      counters.cpu.store(Int(il_sched_getcpu()), ordering: .relaxed)
    }
  }

  /// Runs `body` as whole iterations while the run stays at full speed, at
  /// most `limit` of them, and returns how many ran. They run in blocks of
  /// 1024 (a few microseconds): a change of speed, a pause or a cancel takes
  /// effect at the next block, and after each the counter and the core are
  /// stored, so inside a block the loop's only memory traffic is the
  /// scenario's own and its only other work is counting to the block's end.
  @inline(__always)
  func wholeIterations<Failure: Error>(
    upTo limit: Int, _ body: () throws(Failure) -> Void
  ) throws(Failure) -> Int {
    let base = counters.fullSpeedIterations.load(ordering: .relaxed)
    var done = 0
    defer { counters.fullSpeedIterations.store(base &+ done, ordering: .relaxed) }
    counters.cpu.store(Int(il_sched_getcpu()), ordering: .relaxed)
    while done < limit && atFullSpeed {
      let end = done &+ min(1024, limit &- done)
      // Two iterations a turn of the loop, which halves the loop's own
      // instructions per iteration. `done` counts each iteration as it ends
      // (the defer stores it if `body` throws).
      var pairs = (end &- done) >> 1
      while pairs > 0 {
        try body()
        done &+= 1
        try body()
        done &+= 1
        pairs &-= 1
      }
      if done < end {
        try body()
        done &+= 1
      }
      counters.fullSpeedIterations.store(base &+ done, ordering: .relaxed)
      counters.cpu.store(Int(il_sched_getcpu()), ordering: .relaxed)
    }
    return done
  }

  // MARK: - Step points

  /// The loop scenario's `n += 1`, reported as `>>> n`.
  func tick(_ count: Int) throws(Cancelled) {
    _ = try step()
    log(.count(count))
  }

  /// `time.sleep(written)` (`written` ns; 0 when the code gives no
  /// figure): one step of the pace, which sets how long it takes, as it
  /// does every step's; the pane says both when they differ. The event
  /// goes out as the sleep begins, so the pane says "sleeps" while it does.
  func sleep(written: UInt64 = 0) throws(Cancelled) {
    counters.set(.sleeping)
    defer { counters.set(.running) }
    _ = try step(
      announcing: .sleep(duration: shared.pacer.speed.nanoseconds, written: written))
  }
}
