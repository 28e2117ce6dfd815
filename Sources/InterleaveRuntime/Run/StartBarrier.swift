import InterleavePlatform
import Synchronization

/// Holds workers until all of them have arrived, so that they truly overlap.
/// Opening it early (when a run is cancelled) releases everyone.
final class StartBarrier: Sendable {
  private let parties: Int
  private let arrived = Atomic<Int>(0)
  private let isOpen = Atomic<Bool>(false)
  private let signal = PThreadMutex()

  init(parties: Int) { self.parties = parties }

  /// Waits for the other parties (or for `open()`).
  func arriveAndWait() {
    signal.lock()
    defer { signal.unlock() }
    if arrived.add(1, ordering: .relaxed).newValue >= parties {
      isOpen.store(true, ordering: .relaxed)
      signal.broadcast()
    }
    while !isOpen.load(ordering: .relaxed) { signal.wait() }
  }

  /// Lets everyone through now.
  func open() {
    signal.withLock {
      isOpen.store(true, ordering: .relaxed)
      signal.broadcast()
    }
  }
}
