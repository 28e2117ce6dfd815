import InterleavePlatform
import Synchronization

/// `threading.Lock`: a lock that records who holds it, who waits,
/// and for how long.
///
/// Counters are atomics so the dashboard reads them without taking the lock.
/// Those bumped only by the holder use a plain load and store.
final class TracedMutex: Primitive {
  private let leadingPad = PaddingLine()
  let id: Int
  let name: String
  let kind = PrimitiveKind.mutex
  /// A futex lock, not spinning: a waiter backs off on its own first
  /// (`take`), and an uncontended acquire and release are one atomic
  /// instruction each.
  let mutex = FutexLock()
  let owner = Atomic<Int>(-1)
  let acquisitions = Atomic<Int>(0)
  let contended = Atomic<Int>(0)
  let timeouts = Atomic<Int>(0)
  let totalWait = Atomic<UInt64>(0)
  let maxWait = Atomic<UInt64>(0)
  let acquiredAt = Atomic<UInt64>(0)
  private let trailingPad = PaddingLine()
  /// The clock holds are timed on: the run's, which stops while it is paused.
  private let clock: @Sendable () -> UInt64

  init(id: Int, name: String, clock: @escaping @Sendable () -> UInt64 = { MonotonicClock.now() }) {
    self.id = id
    self.name = name
    self.clock = clock
  }

  /// The seed's `lock.locked()`.
  var isLocked: Bool { owner.load(ordering: .relaxed) >= 0 }

  /// At full speed, hold time is measured on one acquisition in this many
  /// (two clock reads per acquisition would cost more than the lock itself)
  /// and scaled up; traced acquisitions are all measured.
  static let holdSampling = 64

  let timedHolds = Atomic<Int>(0)
  let timedHold = Atomic<UInt64>(0)
  /// Acquisitions whose hold was timed (all but the full-speed path's 63
  /// in 64); the rest are untimed, and while there are none the hold time
  /// is exact, even with a hold in progress.
  let timedAcquisitions = Atomic<Int>(0)
  /// Whether the current holder is timing this hold (set by a timed
  /// acquisition, cleared by its release: an untimed one writes nothing).
  let timingHold = Atomic<Bool>(false)

  /// Acquisitions whose hold was not timed (read while the holder may be
  /// counting one: never below 0).
  private var untimedHolds: Int {
    max(0, acquisitions.load(ordering: .relaxed) &- timedAcquisitions.load(ordering: .relaxed))
  }

  /// Records a successful acquisition; called with the mutex held.
  func didAcquire(by thread: Int, waited: UInt64?, timed: Bool) {
    owner.store(thread, ordering: .relaxed)
    let count = acquisitions.load(ordering: .relaxed) &+ 1
    acquisitions.store(count, ordering: .relaxed)
    if let waited {
      // Counted by the holder, after the acquisition: never more than them.
      contended.store(contended.load(ordering: .relaxed) &+ 1, ordering: .relaxed)
      waitEnded(waited)
    }
    if timed || count % TracedMutex.holdSampling == 0 {
      timingHold.store(true, ordering: .relaxed)
      timedAcquisitions.store(timedAcquisitions.load(ordering: .relaxed) &+ 1, ordering: .relaxed)
      acquiredAt.store(clock(), ordering: .relaxed)
    }
  }

  /// A wait of `waited` ns ended (the lock taken, or the timeout reached).
  func waitEnded(_ waited: UInt64) {
    totalWait.add(waited, ordering: .relaxed)
    maxWait.max(waited, ordering: .relaxed)
  }

  /// Records the release and unlocks.
  /// - Returns: how long it was held, when this hold was timed.
  func willRelease() -> UInt64? {
    var held: UInt64?
    if timingHold.load(ordering: .relaxed) {
      let span = clock() &- acquiredAt.load(ordering: .relaxed)
      timedHold.store(timedHold.load(ordering: .relaxed) &+ span, ordering: .relaxed)
      timedHolds.store(timedHolds.load(ordering: .relaxed) &+ 1, ordering: .relaxed)
      timingHold.store(false, ordering: .relaxed)
      held = span
    }
    owner.store(-1, ordering: .relaxed)
    mutex.unlock()
    return held
  }

  /// What reading the clock costs, measured once: a sampled hold of a few
  /// nanoseconds is mostly clock, so each is counted without it.
  static let clockCost: UInt64 = {
    var spans: [UInt64] = []
    for _ in 0..<64 {
      let start = MonotonicClock.now()
      spans.append(MonotonicClock.now() &- start)
    }
    return spans.sorted()[spans.count / 2]
  }()

  /// Total hold time: exact when every hold was timed, else scaled from the
  /// sample (each sampled span less what the clock itself cost).
  var estimatedHold: UInt64 {
    let timed = timedHolds.load(ordering: .relaxed)
    let untimed = untimedHolds
    let sum = timedHold.load(ordering: .relaxed)
    guard timed > 0, untimed > 0 else { return sum }
    let clock = min(sum, TracedMutex.clockCost &* UInt64(timed))
    return UInt64(Double(sum - clock) * Double(timed + untimed) / Double(timed))
  }

  /// How long the current hold has lasted, when it is being timed: a lock
  /// held now is held for a share of the run above 0.
  private func holdInProgress(_ holder: Int) -> UInt64 {
    guard holder >= 0, timingHold.load(ordering: .relaxed) else { return 0 }
    let since = acquiredAt.load(ordering: .relaxed)
    let now = clock()
    return now > since ? now - since : 0
  }

  func holders() -> [Int] {
    let holder = owner.load(ordering: .sequentiallyConsistent)
    return holder >= 0 ? [holder] : []
  }

  func isAvailable(for thread: Int) -> Bool {
    owner.load(ordering: .sequentiallyConsistent) < 0
  }

  /// - Parameter span: the run's length so far: a lock is never held longer.
  func snapshot(waiters: [Int], span: UInt64) -> PrimitiveSnapshot {
    let holder = owner.load(ordering: .relaxed)
    // `contended` first: the holder bumps it after `acquisitions`.
    let contended = contended.load(ordering: .acquiring)
    let acquisitions = acquisitions.load(ordering: .acquiring)
    return PrimitiveSnapshot(
      id: id, name: name, kind: kind, holders: holder >= 0 ? [holder] : [], waiters: waiters,
      acquisitions: acquisitions, contended: min(contended, acquisitions),
      timeouts: timeouts.load(ordering: .relaxed),
      totalWaitNs: totalWait.load(ordering: .relaxed),
      maxWaitNs: maxWait.load(ordering: .relaxed),
      totalHoldNs: min(estimatedHold &+ holdInProgress(holder), span),
      holdSampled: untimedHolds > 0)
  }
}
