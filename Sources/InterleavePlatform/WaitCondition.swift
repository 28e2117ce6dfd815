import Glibc

/// A condition variable of its own for one waiter, used with a
/// `PThreadMutex`, so that a change can wake exactly the waiters it
/// concerns.
///
/// `@unchecked Sendable`: the condition lives at a stable heap address for
/// the object's lifetime and is only touched through the pthread API.
public final class WaitCondition: @unchecked Sendable {
  let condition: UnsafeMutablePointer<pthread_cond_t>

  public init() {
    condition = .allocate(capacity: 1)
    var attributes = pthread_condattr_t()
    pthread_condattr_init(&attributes)
    pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
    pthread_cond_init(condition, &attributes)
    pthread_condattr_destroy(&attributes)
  }

  deinit {
    pthread_cond_destroy(condition)
    condition.deallocate()
  }

  public func signal() { pthread_cond_signal(condition) }
}
