/// An exception raised in a running program, as Python prints it.
public struct PythonError: Error, Hashable, Sendable {
  /// `IndexError`, `AssertionError`, ...
  public var type: String
  public var message: String
  /// Where it was raised, outermost call first.
  public var traceback: [TraceLine] = []

  public init(_ type: String, _ message: String = "") {
    self.type = type
    self.message = message
  }

  /// The last line of a traceback: `IndexError: pop from empty list`.
  public var line: String { message.isEmpty ? type : "\(type): \(message)" }

  static func typeError(_ message: String) -> PythonError { PythonError("TypeError", message) }
  static func valueError(_ message: String) -> PythonError { PythonError("ValueError", message) }
}

/// One call in a traceback.
public struct TraceLine: Hashable, Sendable {
  public var function: String
  public var line: Int
}
