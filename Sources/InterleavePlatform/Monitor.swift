/// A value behind a mutex with a condition variable: change it and wake
/// the waiters, or wait until it satisfies a test (a semaphore's permits,
/// a condition's notified threads).
///
/// `@unchecked Sendable`: `value` is read and written only inside
/// `mutex`, in the three methods below.
public final class Monitor<Value>: @unchecked Sendable {
  private let mutex = PThreadMutex()
  private var value: Value

  public init(_ value: Value) { self.value = value }

  /// Reads or changes the value; nobody is woken.
  public func withValue<T>(_ body: (inout Value) throws -> T) rethrows -> T {
    mutex.lock()
    defer { mutex.unlock() }
    return try body(&value)
  }

  /// Changes the value and wakes every waiter to test it again.
  public func change<T>(_ body: (inout Value) throws -> T) rethrows -> T {
    mutex.lock()
    defer {
      mutex.broadcast()
      mutex.unlock()
    }
    return try body(&value)
  }

  /// Waits until `test` returns true (it may change the value, as when a
  /// waiter takes a permit), or until `deadline` (monotonic ns).
  /// - Returns: whether `test` passed.
  public func wait(until deadline: UInt64, for test: (inout Value) -> Bool) -> Bool {
    mutex.lock()
    defer { mutex.unlock() }
    while true {
      if test(&value) { return true }
      if MonotonicClock.now() >= deadline { return false }
      mutex.wait(until: deadline)
    }
  }
}
