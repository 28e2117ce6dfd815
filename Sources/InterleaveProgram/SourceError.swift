/// A place in a program's text: 1-based line and column (in characters).
public struct SourceLocation: Hashable, Sendable, Comparable {
  public var line: Int
  public var column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    (lhs.line, lhs.column) < (rhs.line, rhs.column)
  }
}

/// A program refused before it runs: outside the subset, or not Python.
public struct SourceError: Error, Sendable, Equatable, CustomStringConvertible {
  public var location: SourceLocation
  public var message: String

  public init(_ message: String, at location: SourceLocation) {
    self.message = message
    self.location = location
  }

  public var description: String { "\(location.line):\(location.column): error: \(message)" }

  /// `FILE.py:LINE:COL: error: MESSAGE`.
  public func described(file: String) -> String { "\(file):\(description)" }
}
