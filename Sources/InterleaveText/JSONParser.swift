/// Reads JSON text (RFC 8259) into a `JSONValue`, in one pass over its
/// bytes, nesting at most `depthLimit` deep; nil for anything that is not
/// exactly one JSON value (trailing text included).
public struct JSONParser {
  public static let depthLimit = 64

  private let bytes: [UInt8]
  private var index = 0

  private init(_ text: Substring) { bytes = Array(text.utf8) }

  /// The value `text` holds, or nil.
  public static func parse(_ text: Substring) -> JSONValue? {
    var parser = JSONParser(text)
    guard let value = parser.value(depth: 0) else { return nil }
    parser.skipSpace()
    return parser.index == parser.bytes.count ? value : nil
  }

  private mutating func skipSpace() {
    while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
  }

  private mutating func take(_ byte: UInt8) -> Bool {
    guard index < bytes.count, bytes[index] == byte else { return false }
    index += 1
    return true
  }

  private mutating func literal(_ word: String) -> Bool {
    let expected = Array(word.utf8)
    guard index + expected.count <= bytes.count,
      Array(bytes[index..<(index + expected.count)]) == expected
    else { return false }
    index += expected.count
    return true
  }

  private mutating func value(depth: Int) -> JSONValue? {
    guard depth < Self.depthLimit else { return nil }
    skipSpace()
    guard index < bytes.count else { return nil }
    switch bytes[index] {
    case UInt8(ascii: "{"):
      index += 1
      var pairs: [(String, JSONValue)] = []
      skipSpace()
      if take(UInt8(ascii: "}")) { return .object(pairs) }
      repeat {
        skipSpace()
        guard let key = string() else { return nil }
        skipSpace()
        guard take(UInt8(ascii: ":")), let item = value(depth: depth + 1) else { return nil }
        pairs.append((key, item))
        skipSpace()
      } while take(UInt8(ascii: ","))
      return take(UInt8(ascii: "}")) ? .object(pairs) : nil
    case UInt8(ascii: "["):
      index += 1
      var items: [JSONValue] = []
      skipSpace()
      if take(UInt8(ascii: "]")) { return .array(items) }
      repeat {
        guard let item = value(depth: depth + 1) else { return nil }
        items.append(item)
        skipSpace()
      } while take(UInt8(ascii: ","))
      return take(UInt8(ascii: "]")) ? .array(items) : nil
    case UInt8(ascii: "\""): return string().map(JSONValue.string)
    case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
    case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
    case UInt8(ascii: "n"): return literal("null") ? .null : nil
    default: return number()
    }
  }

  /// `-?int frac? exp?`, as an `.int` when it is a whole number that fits.
  private mutating func number() -> JSONValue? {
    let start = index
    _ = take(UInt8(ascii: "-"))
    func digits() -> Int {
      let first = index
      while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
      return index - first
    }
    guard digits() > 0 else { return nil }
    var whole = true
    if take(UInt8(ascii: ".")) {
      whole = false
      guard digits() > 0 else { return nil }
    }
    if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
      whole = false
      _ = take(UInt8(ascii: "+")) || take(UInt8(ascii: "-"))
      guard digits() > 0 else { return nil }
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    if whole, let value = Int(text) { return .int(value) }
    return Double(text).map(JSONValue.double)
  }

  /// A string literal at `index` (its opening quote), decoded.
  private mutating func string() -> String? {
    guard take(UInt8(ascii: "\"")) else { return nil }
    var scalars = String.UnicodeScalarView()
    var raw: [UInt8] = []
    func flushRaw() {
      scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
      raw.removeAll(keepingCapacity: true)
    }
    var highSurrogate: UInt32?
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      if byte == UInt8(ascii: "\"") {
        flushRaw()
        return String(scalars)
      }
      guard byte == UInt8(ascii: "\\") else {
        guard byte >= 0x20 else { return nil }
        raw.append(byte)
        continue
      }
      flushRaw()
      guard index < bytes.count else { return nil }
      let escape = bytes[index]
      index += 1
      switch escape {
      case UInt8(ascii: "n"): scalars.append("\n")
      case UInt8(ascii: "r"): scalars.append("\r")
      case UInt8(ascii: "t"): scalars.append("\t")
      case UInt8(ascii: "b"): scalars.append("\u{08}")
      case UInt8(ascii: "f"): scalars.append("\u{0C}")
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
        scalars.append(Unicode.Scalar(escape))
      case UInt8(ascii: "u"):
        guard index + 4 <= bytes.count,
          var value = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16)
        else { return nil }
        index += 4
        if (0xD800...0xDBFF).contains(value) {
          highSurrogate = value
          continue
        }
        if (0xDC00...0xDFFF).contains(value), let high = highSurrogate {
          value = 0x10000 + ((high - 0xD800) << 10) + (value - 0xDC00)
        }
        highSurrogate = nil
        scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
      default: return nil
      }
    }
    return nil
  }
}
