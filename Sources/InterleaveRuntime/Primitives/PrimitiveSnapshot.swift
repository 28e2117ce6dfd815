/// What one primitive's counters said at one moment.
public struct PrimitiveSnapshot: Sendable, Equatable {
  public var id: Int
  public var name: String
  public var kind: PrimitiveKind
  /// The threads that hold it (a mutex: its owner), in the order they took it.
  public var holders: [Int]
  /// Waiting threads in arrival order.
  public var waiters: [Int]
  public var acquisitions: Int
  /// Acquisitions that found it taken and had to wait.
  public var contended: Int
  public var timeouts: Int
  public var totalWaitNs: UInt64
  public var maxWaitNs: UInt64
  public var totalHoldNs: UInt64
  /// Whether `totalHoldNs` is estimated from a sample of the holds (full
  /// speed times one hold in 64), not summed from all of them.
  public var holdSampled: Bool
  /// A semaphore's permits left, and how many it started with.
  public var permits = 0
  public var capacity = 0
  /// A condition's `notify()` and `notify_all()` calls (its `acquisitions`
  /// count the waits).
  public var notifies = 0

  public init(
    id: Int, name: String, kind: PrimitiveKind = .mutex, holders: [Int] = [], waiters: [Int] = [],
    acquisitions: Int = 0, contended: Int = 0, timeouts: Int = 0, totalWaitNs: UInt64 = 0,
    maxWaitNs: UInt64 = 0, totalHoldNs: UInt64 = 0, holdSampled: Bool = false
  ) {
    self.holdSampled = holdSampled
    self.id = id
    self.name = name
    self.kind = kind
    self.holders = holders
    self.waiters = waiters
    self.acquisitions = acquisitions
    self.contended = contended
    self.timeouts = timeouts
    self.totalWaitNs = totalWaitNs
    self.maxWaitNs = maxWaitNs
    self.totalHoldNs = totalHoldNs
  }

  /// The owning thread of a mutex, or nil when free.
  public var owner: Int? { holders.first }

  /// Share of acquisitions that had to wait, 0...1.
  public var contention: Double {
    acquisitions == 0 ? 0 : Double(contended) / Double(acquisitions)
  }

  /// The `acquire()` calls as the lock panel counts them: those that got
  /// it, those that timed out, and those waiting now (a lock or semaphore;
  /// a condition counts its waits).
  public var calls: Int {
    max(shownCalls, kind == .condition ? acquisitions : acquisitions + timeouts + waiters.count)
  }

  /// What an earlier sample of the same run showed: the totals are running
  /// totals and never go down. (A sample reads the counts before the
  /// waiters, and a thread stops waiting before its acquisition counts, so
  /// a sample can miss a thread in between, never count it twice: it is at
  /// most the true total, and so is the earlier one.)
  public var shownCalls = 0
  /// The contended calls an earlier sample showed.
  public var shownContended = 0

  /// The calls that found it taken: the acquisitions that waited, those
  /// that timed out, and those waiting now. A thread listed as a waiter is
  /// already counted, so `contended` never reads 0 beside a waiter.
  public var contendedCalls: Int {
    max(shownContended, kind == .condition ? contended : contended + timeouts + waiters.count)
  }

  /// Share of `calls` that found it taken, 0...1.
  public var callContention: Double {
    calls == 0 ? 0 : Double(contendedCalls) / Double(calls)
  }

  /// Mean wait of the waits that ended (the lock taken, or the timeout
  /// reached), in ns.
  public var averageWaitNs: UInt64 {
    let ended = contended + timeouts
    return ended == 0 ? 0 : totalWaitNs / UInt64(ended)
  }
}
