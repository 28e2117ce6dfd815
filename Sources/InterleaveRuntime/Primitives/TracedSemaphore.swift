import InterleavePlatform
import Synchronization

/// `threading.Semaphore(k)` (or `BoundedSemaphore`): k permits, taken by
/// `acquire()` and given back by `release()`; it records who holds one.
final class TracedSemaphore: Primitive {
  let id: Int
  let name: String
  let kind = PrimitiveKind.semaphore
  let initial: Int
  let bounded: Bool
  /// Permits left and the threads holding one, in the order they took it.
  private let state: Monitor<(permits: Int, holders: [Int])>
  /// Permits left, readable without the lock (the scheduler asks often).
  let permits: Atomic<Int>
  let acquisitions = Atomic<Int>(0)
  let contended = Atomic<Int>(0)
  let totalWait = Atomic<UInt64>(0)
  let maxWait = Atomic<UInt64>(0)

  init(id: Int, name: String, permits: Int, bounded: Bool) {
    self.id = id
    self.name = name
    initial = permits
    self.bounded = bounded
    state = Monitor((permits, []))
    self.permits = Atomic(permits)
  }

  /// Takes a permit if one is left, by `thread`, before `deadline`.
  func acquire(by thread: Int, until deadline: UInt64) -> Bool {
    state.wait(until: deadline) { state in
      guard state.permits > 0 else { return false }
      state.permits -= 1
      state.holders.append(thread)
      permits.store(state.permits, ordering: .sequentiallyConsistent)
      return true
    }
  }

  /// Records an acquisition that waited `waited` ns (nil: not at all).
  func didAcquire(waited: UInt64?) {
    acquisitions.add(1, ordering: .relaxed)
    guard let waited else { return }
    contended.add(1, ordering: .relaxed)
    totalWait.add(waited, ordering: .relaxed)
    maxWait.max(waited, ordering: .relaxed)
  }

  /// Gives a permit back.
  /// - Returns: false when a bounded semaphore would go past its permits
  ///   (Python raises `ValueError`; the count does not change, and the
  ///   raising thread, which ends, no longer shows as a holder).
  func release(by thread: Int) -> Bool {
    state.change { state in
      // The thread gives its permit back either way: refused (every permit
      // is already in), it raises and ends, and holds nothing any more.
      // A semaphore has no owner: a release by a thread that holds no
      // permit (a semaphore used as a signal) gives back the oldest one
      // out, so the list never names more holders than permits are out.
      if let at = state.holders.firstIndex(of: thread) {
        state.holders.remove(at: at)
      } else if !state.holders.isEmpty, !(bounded && state.permits >= initial) {
        state.holders.removeFirst()
      }
      if bounded, state.permits >= initial { return false }
      state.permits += 1
      permits.store(state.permits, ordering: .sequentiallyConsistent)
      return true
    }
  }

  func holders() -> [Int] { state.withValue { $0.holders } }

  func isAvailable(for thread: Int) -> Bool { permits.load(ordering: .sequentiallyConsistent) > 0 }

  func snapshot(waiters: [Int], span: UInt64) -> PrimitiveSnapshot {
    var snapshot = PrimitiveSnapshot(
      id: id, name: name, kind: kind, holders: holders(), waiters: waiters,
      acquisitions: acquisitions.load(ordering: .relaxed),
      contended: min(contended.load(ordering: .relaxed), acquisitions.load(ordering: .relaxed)),
      totalWaitNs: totalWait.load(ordering: .relaxed), maxWaitNs: maxWait.load(ordering: .relaxed))
    snapshot.permits = permits.load(ordering: .relaxed)
    snapshot.capacity = initial
    return snapshot
  }
}
