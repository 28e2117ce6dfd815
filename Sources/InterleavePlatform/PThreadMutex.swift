import Glibc

/// A heap-allocated pthread mutex and condition variable.
///
/// ThreadSanitizer understands pthread mutexes (it does not see through
/// `Synchronization.Mutex` on Linux), so every lock in the runtime is built on
/// this type.
///
/// `@unchecked Sendable`: the mutex and condition live at stable heap
/// addresses for the object's lifetime and are only touched through the
/// pthread API, which is thread-safe by definition.
public final class PThreadMutex: @unchecked Sendable {
  @usableFromInline let mutex: UnsafeMutablePointer<pthread_mutex_t>
  let condition: UnsafeMutablePointer<pthread_cond_t>

  /// The mutex spins briefly before sleeping in the kernel
  /// (PTHREAD_MUTEX_ADAPTIVE_NP): what it guards is held for moments.
  public init() {
    mutex = .allocate(capacity: 1)
    condition = .allocate(capacity: 1)
    var mutexAttributes = pthread_mutexattr_t()
    pthread_mutexattr_init(&mutexAttributes)
    // PTHREAD_MUTEX_ADAPTIVE_NP is 3.
    pthread_mutexattr_settype(&mutexAttributes, 3)
    pthread_mutex_init(mutex, &mutexAttributes)
    pthread_mutexattr_destroy(&mutexAttributes)
    var attributes = pthread_condattr_t()
    pthread_condattr_init(&attributes)
    pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
    pthread_cond_init(condition, &attributes)
    pthread_condattr_destroy(&attributes)
  }

  deinit {
    pthread_cond_destroy(condition)
    pthread_mutex_destroy(mutex)
    condition.deallocate()
    mutex.deallocate()
  }

  public func lock() { pthread_mutex_lock(mutex) }
  @inlinable public func unlock() { pthread_mutex_unlock(mutex) }

  /// Waits on the condition (the mutex must be held) until signalled or
  /// until `deadline` (monotonic nanoseconds) passes.
  public func wait(until deadline: UInt64) {
    var spec = timespec(
      tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
    pthread_cond_timedwait(condition, mutex, &spec)
  }

  /// Waits on the condition (the mutex must be held) until signalled.
  public func wait() { pthread_cond_wait(condition, mutex) }

  public func broadcast() { pthread_cond_broadcast(condition) }

  /// Waits on `other` (the mutex must be held) until it is signalled or
  /// `deadline` (monotonic nanoseconds) passes.
  public func wait(on other: WaitCondition, until deadline: UInt64) {
    var spec = timespec(
      tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
    pthread_cond_timedwait(other.condition, mutex, &spec)
  }

  public func withLock<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
    lock()
    defer { unlock() }
    return try body()
  }
}
