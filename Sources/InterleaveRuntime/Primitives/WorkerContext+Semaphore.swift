import InterleavePlatform

/// Step points on a semaphore: `acquire()` and `release()`.
extension WorkerContext {
  /// `semaphore.acquire()`: takes a permit, waiting while there is none.
  func acquire(_ semaphore: TracedSemaphore) throws(Cancelled) {
    let traced = try step(wants: semaphore.id)
    let scheduled = takeScheduledWait()
    if semaphore.acquire(by: index, until: 0) {
      semaphore.didAcquire(waited: scheduled)
      if traced { log(.acquired(primitive: semaphore.id, waited: scheduled ?? 0)) }
      return
    }
    let start = pacer.activeNow()
    try waiting(for: semaphore.id) { () throws(Cancelled) in
      if traced { log(.waiting(primitive: semaphore.id)) }
      while true {
        shared.checkDeadlock(from: index)
        if semaphore.acquire(by: index, until: MonotonicClock.now() &+ 20_000_000) { break }
        if shared.pacer.isCancelled { throw Cancelled() }
      }
      // No longer a waiter before it counts as an acquisition (see the mutex).
      counters.waitingFor.store(-1, ordering: .sequentiallyConsistent)
      let waited = pacer.activeNow() &- start
      semaphore.didAcquire(waited: waited)
      if traced { log(.acquired(primitive: semaphore.id, waited: waited)) }
    }
  }

  /// `semaphore.release()`.
  /// - Returns: false when a bounded semaphore refused (Python's
  ///   `ValueError: Semaphore released too many times`).
  func release(_ semaphore: TracedSemaphore) throws(Cancelled) -> Bool {
    let traced = try step()
    guard semaphore.release(by: index) else { return false }
    if traced { log(.released(primitive: semaphore.id, held: 0)) }
    return true
  }
}
