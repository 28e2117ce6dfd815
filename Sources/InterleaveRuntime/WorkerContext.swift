import CSystem
import Glibc

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
  private let pacer: Pacer
  private let scheduler: StepScheduler?
  private var lastReadWord = 0
  /// Under a scheduler, `started` goes out with the thread's first turn.
  private var announced = false
  /// Under a scheduler, the number of the step being taken (1-based).
  private var currentStep = 0

  init(index: Int, shared: RunShared) {
    self.index = index
    self.shared = shared
    self.counters = shared.counters[index]
    self.pacer = shared.pacer
    self.scheduler = shared.scheduler
  }

  // MARK: - Pacing

  /// Waits for this step's turn; returns whether to trace it.
  @inline(__always)
  private func step(wants lock: Int? = nil) throws(Cancelled) -> Bool {
    #if INTERLEAVE_NO_STEP_POINTS
      // Benchmark builds only: the scenarios' loops with no pacing, tracing or counters.
      return false
    #else
      return try takeStep(wants: lock)
    #endif
  }

  @inline(__always)
  private func takeStep(wants lock: Int?) throws(Cancelled) -> Bool {
    // At full speed: this one load and the counter below. A scheduled run's
    // pacer is never in `full` mode, so its steps all take the slow path.
    var traced = false
    if pacer.mode.load(ordering: .relaxed) != Pacer.Mode.full.rawValue {
      traced = try slowStep(wants: lock)
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
  private func slowStep(wants lock: Int?) throws(Cancelled) -> Bool {
    var traced = false
    // `!= nil`, not `if let`: binding would retain the scheduler on every
    // step, and two threads retaining one object fight over its cache line.
    if scheduler != nil {
      try scheduledTurn(wants: lock)
      traced = true
    }
    return try pacer.slowPath() || traced
  }

  /// Parks until the scheduler gives this thread the next step.
  @inline(never)
  private func scheduledTurn(wants lock: Int?) throws(Cancelled) {
    guard let scheduler else { return }
    let shared = shared
    let pacer = pacer
    let blocked = lock.map { !shared.isFree($0) } ?? false
    if let lock, blocked {
      counters.waitingFor.store(lock, ordering: .sequentiallyConsistent)
      counters.set(.waiting)
      log(.waiting(lock: lock))
    }
    defer {
      if blocked {
        counters.waitingFor.store(-1, ordering: .sequentiallyConsistent)
        counters.set(.running)
      }
    }
    currentStep = try scheduler.awaitTurn(
      index, wants: lock, isFree: shared.isFree, cancelled: { pacer.isCancelled },
      onDeadlock: shared.scheduledDeadlock)
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

  /// Under a scheduler: reports the end (within the last turn) and lets the next thread go.
  func leaveSchedule(_ kind: EventKind) {
    guard let scheduler else { return }
    announceOnce()
    log(kind)
    scheduler.exit(index, isFree: shared.isFree, onDeadlock: shared.scheduledDeadlock)
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

  /// `balance` read with no step point (a whole iteration at full speed).
  @inline(__always)
  func readAtFullSpeed(_ balance: SharedBalance) -> Int {
    SharedBalance.value(of: balance.word.load(ordering: .relaxed))
  }

  /// `balance = value` with no step point (a whole iteration at full speed).
  @inline(__always)
  func writeAtFullSpeed(_ balance: SharedBalance, _ value: Int) {
    balance.word.store(SharedBalance.word(value: value, writer: index), ordering: .relaxed)
  }

  /// `lock.acquire()` with no step point (a whole iteration at full speed).
  /// Throws only when the run is cancelled while this thread waits.
  @inline(__always)
  func acquireAtFullSpeed(_ lock: TracedLock) throws(Cancelled) {
    _ = try take(lock, timeout: nil, traced: false)
  }

  /// `lock.release()` with no step point (a whole iteration at full speed).
  @inline(__always)
  func releaseAtFullSpeed(_ lock: TracedLock) { _ = lock.willRelease() }

  // MARK: - Step points

  /// The loop scenario's `n += 1`, reported as `>>> n`.
  func tick(_ count: Int) throws(Cancelled) {
    _ = try step()
    log(.count(count))
  }

  /// `time.sleep`: one step's delay, and at least `minimum` ns.
  func sleep(minimum: UInt64 = 0) throws(Cancelled) {
    counters.set(.sleeping)
    defer { counters.set(.running) }
    if try step() { log(.sleep(duration: max(minimum, shared.pacer.speed.nanoseconds))) }
    if minimum > 0 { try shared.pacer.sleep(minimum) }
  }

  /// Reads the shared balance (a relaxed atomic load).
  @inline(__always)
  func read(_ balance: SharedBalance) throws(Cancelled) -> Int {
    let traced = try step()
    lastReadWord = balance.word.load(ordering: .relaxed)
    let value = SharedBalance.value(of: lastReadWord)
    if traced { log(.read(value: value)) }
    return value
  }

  /// Writes the shared balance (a relaxed atomic store). When traced, the
  /// write also learns what it overwrote and reports a lost update.
  @inline(__always)
  func write(_ balance: SharedBalance, _ value: Int) throws(Cancelled) {
    let word = SharedBalance.word(value: value, writer: index)
    if try step() {
      tracedWrite(balance, word: word, value: value)
    } else {
      balance.word.store(word, ordering: .relaxed)
    }
  }

  @inline(never)
  private func tracedWrite(_ balance: SharedBalance, word: Int, value: Int) {
    let previous = balance.word.exchange(word, ordering: .relaxed)
    log(.write(value: value))
    if previous != lastReadWord {
      counters.bump(counters.lostUpdates)
      let victim = SharedBalance.writer(of: previous)
      var lost = LostUpdate(
        victim: victim, readValue: SharedBalance.value(of: lastReadWord),
        overwritten: SharedBalance.value(of: previous), written: value)
      if scheduler != nil, shared.counters.indices.contains(victim) {
        lost.step = currentStep
        lost.victimStep = shared.counters[victim].lastWriteStep.load(ordering: .relaxed)
      }
      log(.lostUpdate(lost))
    }
    if scheduler != nil { counters.lastWriteStep.store(currentStep, ordering: .relaxed) }
  }

  /// `balance += amount` as one atomic read-modify-write.
  func atomicAdd(_ balance: SharedBalance, _ amount: Int) throws(Cancelled) {
    let traced = try step()
    let delta = amount << SharedBalance.writerBits
    let result = balance.word.wrappingAdd(delta, ordering: .relaxed).newValue
    if traced { log(.atomicAdd(amount: amount, result: SharedBalance.value(of: result))) }
  }

  /// `lock.acquire(timeout=…)`: true when the lock was taken.
  func acquire(_ lock: TracedLock, timeout: UInt64? = nil) throws(Cancelled) -> Bool {
    let traced = try step(wants: lock.id)
    return try take(lock, timeout: timeout, traced: traced)
  }

  /// Takes the lock: at once if free, else after a back-off, else blocking.
  @inline(__always)
  private func take(_ lock: TracedLock, timeout: UInt64?, traced: Bool) throws(Cancelled) -> Bool {
    if lock.mutex.tryLock() {
      lock.didAcquire(by: index, waited: nil, timed: traced)
      if traced { log(.acquired(lock: lock.id, waited: 0)) }
      return true
    }
    let start = MonotonicClock.now()
    // Most waits for a short critical section end within a few hundred
    // spins; only then register as a waiter and block.
    // Back off without touching the lock's cache line, so the holder runs on
    // undisturbed, then retry; most waits for a short critical section end here.
    for _ in 0..<WorkerContext.backoffRounds {
      for _ in 0..<WorkerContext.backoffPauses { il_cpu_relax() }
      if lock.mutex.tryLock() {
        return acquired(lock, since: start, traced: traced)
      }
    }
    return try acquireBlocking(lock, since: start, timeout: timeout, traced: traced)
  }

  static let backoffRounds = 5
  static let backoffPauses = 1000

  private func acquired(_ lock: TracedLock, since start: UInt64, traced: Bool) -> Bool {
    let waited = MonotonicClock.now() &- start
    lock.didAcquire(by: index, waited: waited, timed: traced)
    if traced { log(.acquired(lock: lock.id, waited: waited)) }
    return true
  }

  private func acquireBlocking(
    _ lock: TracedLock, since start: UInt64, timeout: UInt64?, traced: Bool
  ) throws(Cancelled) -> Bool {
    counters.waitTicket.store(
      shared.waitTickets.add(1, ordering: .relaxed).newValue, ordering: .relaxed)
    counters.waitingFor.store(lock.id, ordering: .sequentiallyConsistent)
    counters.set(.waiting)
    defer {
      counters.waitingFor.store(-1, ordering: .sequentiallyConsistent)
      counters.set(.running)
    }
    if traced { log(.waiting(lock: lock.id)) }
    let giveUp = timeout.map { start &+ $0 } ?? .max
    while true {
      shared.checkDeadlock(from: index)
      let now = MonotonicClock.now()
      if lock.mutex.lock(until: min(now &+ 20_000_000, giveUp)) {
        return acquired(lock, since: start, traced: traced)
      }
      if shared.pacer.isCancelled { throw Cancelled() }
      if MonotonicClock.now() >= giveUp {
        lock.timeouts.add(1, ordering: .relaxed)
        log(.timedOut(lock: lock.id, waited: MonotonicClock.now() &- start))
        return false
      }
    }
  }

  /// `lock.release()`. Never throws, so it is safe in `defer`.
  func release(_ lock: TracedLock) {
    let traced = (try? step()) ?? false
    let held = lock.willRelease()
    if traced { log(.released(lock: lock.id, held: held ?? 0)) }
  }
}
