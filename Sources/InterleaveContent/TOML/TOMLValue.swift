/// A TOML value, with where it was written.
public struct TOMLValue: Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case float(Double)
    case bool(Bool)
    case array([TOMLValue])
    case table(TOMLTable)
  }

  public var kind: Kind
  /// The 1-based line and column where the value starts.
  public var line: Int
  public var column: Int
  /// An array made by `[[header]]`s, which later headers may add to.
  var tableArray = false

  init(kind: Kind, line: Int, column: Int, tableArray: Bool = false) {
    self.kind = kind
    self.line = line
    self.column = column
    self.tableArray = tableArray
  }

  public var string: String? {
    if case .string(let value) = kind { return value }
    return nil
  }

  public var int: Int? {
    if case .integer(let value) = kind { return value }
    return nil
  }

  public var double: Double? {
    switch kind {
    case .float(let value): return value
    case .integer(let value): return Double(value)
    default: return nil
    }
  }

  public var bool: Bool? {
    if case .bool(let value) = kind { return value }
    return nil
  }

  public var array: [TOMLValue]? {
    if case .array(let value) = kind { return value }
    return nil
  }

  public var table: TOMLTable? {
    if case .table(let value) = kind { return value }
    return nil
  }
}

/// A TOML table: its keys in the order they were written, each with the
/// position of the key itself (for messages that point at it).
public struct TOMLTable: Sendable, Equatable {
  public struct Entry: Sendable, Equatable {
    public var key: String
    public var value: TOMLValue
    /// Where the key was written (1-based).
    public var line: Int
    public var column: Int
  }

  public private(set) var entries: [Entry] = []
  /// Whether the table was written inline (`{ ... }`): it cannot be extended.
  var inline = false
  /// Whether a `[header]` has defined this table (it cannot be defined twice).
  var defined = false

  public init() {}

  /// The keys, in the order they were written.
  public var keys: [String] { entries.map(\.key) }

  public subscript(key: String) -> TOMLValue? { entries.first { $0.key == key }?.value }

  /// The position of `key`, if it is in the table.
  public func position(of key: String) -> (line: Int, column: Int)? {
    entries.first { $0.key == key }.map { ($0.line, $0.column) }
  }

  func index(of key: String) -> Int? { entries.firstIndex { $0.key == key } }

  mutating func append(_ entry: Entry) { entries.append(entry) }

  mutating func update(at index: Int, _ change: (inout TOMLValue) throws(TOMLError) -> Void)
    throws(TOMLError)
  {
    try change(&entries[index].value)
  }

  public static func == (lhs: TOMLTable, rhs: TOMLTable) -> Bool { lhs.entries == rhs.entries }
}

/// Why a TOML text could not be read: what, and where (1-based).
public struct TOMLError: Error, Equatable, CustomStringConvertible {
  public var line: Int
  public var column: Int
  public var message: String

  public var description: String { "\(line):\(column): \(message)" }
}
