import InterleavePlatform

/// Step points on a condition: `wait()` (three steps: the wait, the wake,
/// the lock taken again) and `notify()`.
extension WorkerContext {
  /// `cond.wait()`, the caller holding `lock`: lets the lock go, waits to
  /// be notified, takes the lock again.
  func wait(_ condition: TracedCondition, lock: TracedMutex) throws(Cancelled) {
    let traced = try step()
    condition.enqueue(index)
    _ = lock.willRelease()
    if traced { log(.conditionWait(primitive: condition.id)) }
    try awaitNotify(condition)
    _ = try acquire(lock)
  }

  /// The wake step: under a scheduler, chosen only once notified; else
  /// blocks until notified, watching for a hang.
  private func awaitNotify(_ condition: TracedCondition) throws(Cancelled) {
    let traced = try step(wants: condition.id)
    if !condition.awaitNotified(index, until: 0) {
      try waiting(for: condition.id) { () throws(Cancelled) in
        while !condition.awaitNotified(index, until: MonotonicClock.now() &+ 20_000_000) {
          if shared.pacer.isCancelled { throw Cancelled() }
          shared.checkHang(from: index)
        }
      }
    }
    if traced { log(.notified(primitive: condition.id)) }
  }

  /// `cond.notify()` or `cond.notify_all()`.
  func notify(_ condition: TracedCondition, all: Bool) throws(Cancelled) {
    let traced = try step()
    let woken = condition.notify(all: all)
    if traced { log(.notify(primitive: condition.id, all: all, woken: woken)) }
  }
}
