/// A value behind a mutex with a condition variable: change it and wake
/// the waiters, or wait until it satisfies a test (a semaphore's permits,
/// a condition's notified threads).
///
/// A waiter may say what it waits for (`wait(until:wakingWhen:for:)`); a
/// change then wakes only the waiters that could pass, so a thread blocked
/// in a `join` is not woken by every lock taken and let go by the threads
/// it waits for.
///
/// `@unchecked Sendable`: `value`, `watchers`, `nextToken` and
/// `plainWaiters` are read and written only inside `mutex`.
public final class Monitor<Value>: @unchecked Sendable {
  private let mutex = PThreadMutex()
  private var value: Value
  /// What each waiter that said so waits for, by a token of its wait.
  private var watchers: [Int: (peek: @Sendable (inout Value) -> Bool, wake: WaitCondition)] = [:]
  private var nextToken = 0
  /// Waiters that did not say what they wait for: every change wakes them.
  private var plainWaiters = 0

  public init(_ value: Value) { self.value = value }

  /// Reads or changes the value; nobody is woken.
  public func withValue<T>(_ body: (inout Value) throws -> T) rethrows -> T {
    mutex.lock()
    defer { mutex.unlock() }
    return try body(&value)
  }

  /// Changes the value and wakes the waiters that may now pass.
  public func change<T>(_ body: (inout Value) throws -> T) rethrows -> T {
    mutex.lock()
    defer {
      wakeThoseWhoCouldPass()
      mutex.unlock()
    }
    return try body(&value)
  }

  /// Wakes every waiter to test again (the run is ending).
  public func wakeAll() {
    mutex.lock()
    mutex.broadcast()
    for watcher in watchers.values { watcher.wake.signal() }
    mutex.unlock()
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
      plainWaiters += 1
      mutex.wait(until: deadline)
      plainWaiters -= 1
    }
  }

  /// Waits as `wait(until:for:)` does, woken by a change only when
  /// `wakingWhen` passes on a copy of the changed value (it runs on the
  /// changing thread, so it must depend on nothing but the value), or by
  /// `wakeAll`, or at `deadline`.
  public func wait(
    until deadline: UInt64, wakingWhen peek: @escaping @Sendable (inout Value) -> Bool,
    for test: (inout Value) -> Bool
  ) -> Bool {
    mutex.lock()
    defer { mutex.unlock() }
    var wake: WaitCondition?
    while true {
      if test(&value) { return true }
      if MonotonicClock.now() >= deadline { return false }
      let token = nextToken
      nextToken &+= 1
      let condition = wake ?? WaitCondition()
      wake = condition
      watchers[token] = (peek, condition)
      mutex.wait(on: condition, until: deadline)
      watchers[token] = nil
    }
  }

  /// Wakes the plain waiters, and each watcher whose test would pass now.
  /// Must hold `mutex`.
  private func wakeThoseWhoCouldPass() {
    if plainWaiters > 0 { mutex.broadcast() }
    for watcher in watchers.values {
      var copy = value
      if watcher.peek(&copy) { watcher.wake.signal() }
    }
  }
}
