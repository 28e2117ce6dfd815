/// A value and the mutex that guards it, reachable only through
/// `withLockedValue`.
///
/// `@unchecked Sendable`: `value` is read and written only while `mutex` is
/// held, so concurrent access is serialised.
public final class LockedBox<Value>: @unchecked Sendable {
  private let mutex = PThreadMutex()
  private var value: Value

  public init(_ value: Value) { self.value = value }

  public func withLockedValue<T>(_ body: (inout Value) throws -> T) rethrows -> T {
    mutex.lock()
    defer { mutex.unlock() }
    return try body(&value)
  }

  /// A copy of the current value.
  public var snapshot: Value { withLockedValue { $0 } }
}
