import InterleavePlatform

/// A JSON value that keeps its object keys in the order they were given.
public indirect enum JSONValue: Sendable, Equatable, ExpressibleByStringLiteral,
  ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral
{
  case string(String)
  case int(Int)
  case double(Double)
  case bool(Bool)
  case null
  case array([JSONValue])
  case object([(String, JSONValue)])

  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int) { self = .int(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }

  /// `.int`, or `.null` for nil.
  public static func optional(_ value: Int?) -> JSONValue { value.map(JSONValue.int) ?? .null }

  /// Compact JSON text on one line.
  public var text: String {
    switch self {
    case .string(let value): return JSONValue.quote(Sanitizer.text(value))
    case .int(let value): return String(value)
    case .double(let value): return value.isFinite ? String(value) : "null"
    case .bool(let value): return value ? "true" : "false"
    case .null: return "null"
    case .array(let items): return "[" + items.map(\.text).joined(separator: ",") + "]"
    case .object(let pairs):
      return "{" + pairs.map { JSONValue.quote($0.0) + ":" + $0.1.text }.joined(separator: ",")
        + "}"
    }
  }

  /// `string` as a JSON string literal, exactly (`.string` values are
  /// sanitized first; this is for bytes that must stay as they are, such as
  /// a recording's terminal output).
  ///
  /// Works on UTF-8 bytes: everything JSON escapes is ASCII, and no byte of
  /// a multi-byte sequence is below 0x80, so the rest is copied as it is.
  public static func quote(_ string: String) -> String {
    let backslash = UInt8(ascii: "\\")
    var out: [UInt8] = []
    out.reserveCapacity(string.utf8.count + 2)
    out.append(UInt8(ascii: "\""))
    for byte in string.utf8 {
      switch byte {
      case UInt8(ascii: "\""), backslash: out += [backslash, byte]
      case UInt8(ascii: "\n"): out += [backslash, UInt8(ascii: "n")]
      case UInt8(ascii: "\r"): out += [backslash, UInt8(ascii: "r")]
      case UInt8(ascii: "\t"): out += [backslash, UInt8(ascii: "t")]
      case 0..<0x20, 0x7F:
        out += [backslash, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")]
        out.append(hexDigit(byte >> 4))
        out.append(hexDigit(byte & 0xF))
      default: out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
    return String(decoding: out, as: UTF8.self)
  }

  /// The lowercase hex digit for `nibble` (0...15).
  private static func hexDigit(_ nibble: UInt8) -> UInt8 {
    nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
  }

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.text == rhs.text }
}
