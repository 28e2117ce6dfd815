import CSystem
import Synchronization

/// A lock on one atomic word that sleeps in the kernel (a futex) only when
/// it must: taking a free lock is one compare-and-swap, giving it back with
/// nobody waiting one exchange, where glibc's mutex runs about 60
/// instructions for the pair. The word is 0 when free, 1 when held, and 2
/// when held while another thread may be asleep on it.
///
/// ThreadSanitizer sees the acquiring and releasing orderings of the
/// word's atomics, so it knows what the lock protects, as it does for a
/// pthread mutex.
///
/// `@unchecked Sendable`: the word lives at a stable heap address for the
/// object's lifetime and is touched only through `Atomic`'s operations and
/// the kernel's futex calls, which read it atomically.
public final class FutexLock: @unchecked Sendable {
  @usableFromInline let word: UnsafeMutablePointer<Atomic<UInt32>>

  public init() {
    word = .allocate(capacity: 1)
    word.initialize(to: Atomic(0))
  }

  deinit {
    word.deinitialize(count: 1)
    word.deallocate()
  }

  /// Takes the lock if it is free; never blocks.
  @inlinable public func tryLock() -> Bool {
    word[0].compareExchange(
      expected: 0, desired: 1, successOrdering: .acquiring, failureOrdering: .relaxed
    ).exchanged
  }

  /// Gives the lock back, waking one sleeper if one may be asleep.
  @inlinable public func unlock() {
    if word[0].exchange(0, ordering: .releasing) == 2 { wakeOne() }
  }

  @usableFromInline func wakeOne() {
    il_futex_wake_one(UnsafeMutableRawPointer(word).assumingMemoryBound(to: UInt32.self))
  }

  /// Takes the lock, giving up at `deadline` (monotonic nanoseconds).
  /// - Returns: whether it was taken.
  public func lock(until deadline: UInt64) -> Bool {
    let first = word[0].compareExchange(
      expected: 0, desired: 1, successOrdering: .acquiring, failureOrdering: .relaxed)
    if first.exchanged { return true }
    // From here on the word says 2: whoever gives the lock back wakes a
    // sleeper, this one or another.
    var state = first.original == 2 ? 2 : word[0].exchange(2, ordering: .acquiring)
    while state != 0 {
      let now = MonotonicClock.now()
      guard now < deadline else { return false }
      il_futex_wait(
        UnsafeMutableRawPointer(word).assumingMemoryBound(to: UInt32.self), 2,
        Int64(min(deadline - now, 1_000_000_000)))
      state = word[0].exchange(2, ordering: .acquiring)
    }
    return true
  }

  /// Takes the lock, waiting as long as it takes.
  public func lock() { _ = lock(until: .max) }
}
