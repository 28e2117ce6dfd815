import CSystem
import InterleavePlatform

/// Step points on a mutex: `acquire()`, `acquire(timeout=…)` and `release()`.
extension WorkerContext {
  /// `lock.acquire(timeout=…)`: true when the lock was taken.
  func acquire(_ lock: TracedMutex, timeout: UInt64? = nil) throws(Cancelled) -> Bool {
    let traced = try step(wants: lock.id)
    return try take(
      lock, timeout: timeout, traced: traced, timed: true, waited: takeScheduledWait())
  }

  /// Takes the lock: at once if free, else after a back-off, else blocking.
  @inline(__always)
  /// - Parameter timed: time this hold (every step-point acquire is; the
  ///   whole-iteration path at full speed times one in `holdSampling`).
  /// - Parameter waited: how long a scheduler already kept this step waiting.
  private func take(
    _ lock: TracedMutex, timeout: UInt64?, traced: Bool, timed: Bool, waited: UInt64? = nil
  ) throws(Cancelled) -> Bool {
    if lock.mutex.tryLock() {
      lock.didAcquire(by: index, waited: waited, timed: timed)
      if traced { log(.acquired(primitive: lock.id, waited: waited ?? 0)) }
      return true
    }
    let start = pacer.activeNow()
    // Back off without touching the lock's cache line, so the holder runs on
    // undisturbed, then retry: most waits for a short critical section end
    // here. Only then register as a waiter and block.
    for _ in 0..<WorkerContext.backoffRounds {
      for _ in 0..<WorkerContext.backoffPauses { il_cpu_relax() }
      if lock.mutex.tryLock() {
        return acquired(lock, since: start, traced: traced, timed: timed)
      }
    }
    return try acquireBlocking(lock, since: start, timeout: timeout, traced: traced, timed: timed)
  }

  static let backoffRounds = 5
  static let backoffPauses = 1000

  private func acquired(_ lock: TracedMutex, since start: UInt64, traced: Bool, timed: Bool)
    -> Bool
  {
    let waited = pacer.activeNow() &- start
    lock.didAcquire(by: index, waited: waited, timed: timed)
    if traced { log(.acquired(primitive: lock.id, waited: waited)) }
    return true
  }

  private func acquireBlocking(
    _ lock: TracedMutex, since start: UInt64, timeout: UInt64?, traced: Bool, timed: Bool
  ) throws(Cancelled) -> Bool {
    try waiting(for: lock.id) { () throws(Cancelled) in
      try waitBlocking(lock, since: start, timeout: timeout, traced: traced, timed: timed)
    }
  }

  /// The wait itself, with this thread marked as waiting for `lock`.
  private func waitBlocking(
    _ lock: TracedMutex, since start: UInt64, timeout: UInt64?, traced: Bool, timed: Bool
  ) throws(Cancelled) -> Bool {
    if traced { log(.waiting(primitive: lock.id)) }
    // The timeout runs on the run's clock, which stops while the run is
    // paused (as the "waited" figure does): a learner who pauses mid-lesson
    // never comes back to a wait that gave up behind their back.
    let giveUp = timeout.map { start &+ min($0, UInt64.max / 2) } ?? .max
    while true {
      shared.checkDeadlock(from: index)
      let left = giveUp &- min(giveUp, pacer.activeNow())
      if lock.mutex.lock(until: MonotonicClock.now() &+ min(20_000_000, max(left, 1))) {
        // No longer a waiter before it counts as an acquisition: the panel
        // adds the two, and a thread counted in both would make the total
        // drop by one at the next frame.
        counters.waitingFor.store(-1, ordering: .sequentiallyConsistent)
        return acquired(lock, since: start, traced: traced, timed: timed)
      }
      if shared.pacer.isCancelled { throw Cancelled() }
      if pacer.activeNow() >= giveUp {
        counters.waitingFor.store(-1, ordering: .sequentiallyConsistent)
        let waited = pacer.activeNow() &- start
        lock.timeouts.add(1, ordering: .relaxed)
        lock.waitEnded(waited)
        log(.timedOut(primitive: lock.id, waited: waited))
        return false
      }
    }
  }

  /// `lock.release()`. Never throws, so it is safe in `defer`.
  func release(_ lock: TracedMutex) {
    let traced = (try? step()) ?? false
    let held = lock.willRelease()
    if traced { log(.released(primitive: lock.id, held: held ?? 0)) }
  }

  // MARK: - Whole iterations at full speed

  /// `lock.acquire()` with no step point (a whole iteration at full speed).
  /// Throws only when the run is cancelled while this thread waits.
  @inline(__always)
  func acquireAtFullSpeed(_ lock: TracedMutex) throws(Cancelled) {
    _ = try take(lock, timeout: nil, traced: false, timed: false)
  }

  /// `lock.release()` with no step point (a whole iteration at full speed).
  @inline(__always)
  func releaseAtFullSpeed(_ lock: TracedMutex) { _ = lock.willRelease() }
}
