import Synchronization

/// A pthread mutex that records who holds it, who waits, and for how long.
///
/// Counters are atomics so the dashboard reads them without taking the lock.
/// Those bumped only by the holder use a plain load and store.
public final class TracedLock: Sendable {
  public let id: Int
  public let name: String
  let mutex = PThreadMutex()
  let owner = Atomic<Int>(-1)
  let acquisitions = Atomic<Int>(0)
  let contended = Atomic<Int>(0)
  let timeouts = Atomic<Int>(0)
  let totalWait = Atomic<UInt64>(0)
  let maxWait = Atomic<UInt64>(0)
  let totalHold = Atomic<UInt64>(0)
  let acquiredAt = Atomic<UInt64>(0)

  public init(id: Int, name: String) {
    self.id = id
    self.name = name
  }

  /// The seed's `lock.locked()`.
  public var isLocked: Bool { owner.load(ordering: .relaxed) >= 0 }

  /// Records a successful acquisition; called with the mutex held.
  func didAcquire(by thread: Int, waited: UInt64?, at now: UInt64) {
    owner.store(thread, ordering: .relaxed)
    acquisitions.store(acquisitions.load(ordering: .relaxed) &+ 1, ordering: .relaxed)
    if let waited {
      contended.store(contended.load(ordering: .relaxed) &+ 1, ordering: .relaxed)
      totalWait.store(totalWait.load(ordering: .relaxed) &+ waited, ordering: .relaxed)
      if waited > maxWait.load(ordering: .relaxed) { maxWait.store(waited, ordering: .relaxed) }
    }
    acquiredAt.store(now, ordering: .relaxed)
  }

  /// Records the release and unlocks; returns how long it was held.
  func willRelease(at now: UInt64) -> UInt64 {
    let held = now &- acquiredAt.load(ordering: .relaxed)
    totalHold.store(totalHold.load(ordering: .relaxed) &+ held, ordering: .relaxed)
    owner.store(-1, ordering: .relaxed)
    mutex.unlock()
    return held
  }

  func snapshot(waiters: [Int]) -> LockSnapshot {
    let holder = owner.load(ordering: .relaxed)
    return LockSnapshot(
      id: id, name: name, owner: holder >= 0 ? holder : nil, waiters: waiters,
      acquisitions: acquisitions.load(ordering: .relaxed),
      contended: contended.load(ordering: .relaxed),
      timeouts: timeouts.load(ordering: .relaxed),
      totalWaitNs: totalWait.load(ordering: .relaxed),
      maxWaitNs: maxWait.load(ordering: .relaxed),
      totalHoldNs: totalHold.load(ordering: .relaxed))
  }
}
