/// Reads TOML 1.0 (all but dates and times, which no file here needs) into
/// tables that remember where each key and value was written, so that
/// every message can point at `line:column`.
public struct TOMLReader {
  /// Arrays and inline tables nest at most this deep.
  static let maximumDepth = 128

  private let bytes: [UInt8]
  private var index = 0
  private var line = 1
  private var lineStart = 0
  private var root = TOMLTable()
  /// The table that key/value lines go into (from the last header).
  private var current: [String] = []

  private init(_ text: String) { bytes = Array(text.utf8) }

  /// The document's root table.
  public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
    var reader = TOMLReader(text)
    try reader.document()
    return reader.root
  }

  // MARK: - Positions and errors

  private var column: Int {
    var count = 1
    var position = lineStart
    while position < index && position < bytes.count {
      if bytes[position] & 0xC0 != 0x80 { count += 1 }
      position += 1
    }
    return count
  }

  private func fail(_ message: String) -> TOMLError {
    TOMLError(line: line, column: column, message: message)
  }

  private var here: (line: Int, column: Int) { (line, column) }
  private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

  private func peek(_ offset: Int) -> UInt8? {
    index + offset < bytes.count ? bytes[index + offset] : nil
  }

  private func at(_ text: String) -> Bool {
    let pattern = Array(text.utf8)
    guard index + pattern.count <= bytes.count else { return false }
    return Array(bytes[index..<index + pattern.count]) == pattern
  }

  // MARK: - Layout

  private mutating func skipSpaces() {
    while let byte = peek, byte == 0x20 || byte == 0x09 { index += 1 }
  }

  private mutating func skipComment() {
    guard peek == UInt8(ascii: "#") else { return }
    while let byte = peek, byte != 0x0A { index += 1 }
  }

  /// Consumes a newline (LF or CRLF); false when there is none here.
  private mutating func newline() -> Bool {
    if peek == 0x0D, peek(1) == 0x0A { index += 1 }
    guard peek == 0x0A else { return false }
    index += 1
    line += 1
    lineStart = index
    return true
  }

  /// Spaces, newlines and comments (inside arrays).
  private mutating func skipBlank() {
    while true {
      skipSpaces()
      skipComment()
      if !newline() { return }
    }
  }

  /// After a key/value or header: only a comment may follow on the line.
  private mutating func endOfLine() throws(TOMLError) {
    skipSpaces()
    skipComment()
    guard peek == nil || newline() else {
      throw fail("expected the end of the line, found '\(character)'")
    }
  }

  private var character: String {
    guard index < bytes.count else { return "end of file" }
    var end = index + 1
    while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
    return String(decoding: bytes[index..<end], as: UTF8.self)
  }

  // MARK: - Document

  private mutating func document() throws(TOMLError) {
    while true {
      skipSpaces()
      skipComment()
      if newline() { continue }
      guard let byte = peek else { return }
      if byte == UInt8(ascii: "[") {
        try header()
      } else {
        try keyValue(into: current)
      }
      try endOfLine()
    }
  }

  private mutating func header() throws(TOMLError) {
    let start = here
    index += 1
    let isArray = peek == UInt8(ascii: "[")
    if isArray { index += 1 }
    skipSpaces()
    let path = try key()
    skipSpaces()
    guard peek == UInt8(ascii: "]"), !isArray || peek(1) == UInt8(ascii: "]") else {
      throw fail(
        isArray ? "expected ']]' to end the table header" : "expected ']' to end the table header")
    }
    index += isArray ? 2 : 1
    let name = path.map(\.key).joined(separator: ".")
    if isArray {
      let parent = Array(path.dropLast().map(\.key))
      let last = path.last!
      try withTable(parent, at: start) { table throws(TOMLError) in
        let element = TOMLValue(kind: .table(TOMLTable()), line: start.line, column: start.column)
        if let existing = table.index(of: last.key) {
          try table.update(at: existing) { value throws(TOMLError) in
            guard value.tableArray, case .array(let items) = value.kind else {
              throw TOMLError(
                line: start.line, column: start.column,
                message: "'\(name)' is already a value, not an array of tables")
            }
            value.kind = .array(items + [element])
          }
        } else {
          table.append(
            .init(
              key: last.key,
              value: TOMLValue(
                kind: .array([element]), line: start.line, column: start.column, tableArray: true),
              line: last.line, column: last.column))
        }
      }
    } else {
      try withTable(path.map(\.key), at: start) { table throws(TOMLError) in
        guard !table.defined else {
          throw TOMLError(
            line: start.line, column: start.column, message: "table '\(name)' is defined twice")
        }
        table.defined = true
      }
    }
    current = path.map(\.key)
  }

  /// Runs `body` on the table at `path` below the root, making missing
  /// ones; a path through an array of tables goes into its last table.
  private mutating func withTable(
    _ path: [String], at position: (line: Int, column: Int)? = nil,
    _ body: (inout TOMLTable) throws(TOMLError) -> Void
  ) throws(TOMLError) {
    var table = TOMLTable()
    swap(&table, &root)
    defer { swap(&table, &root) }
    try Self.withTable(path, in: &table, at: position ?? here, body)
  }

  private static func withTable(
    _ path: [String], in table: inout TOMLTable, at position: (line: Int, column: Int),
    _ body: (inout TOMLTable) throws(TOMLError) -> Void
  ) throws(TOMLError) {
    guard let first = path.first else { return try body(&table) }
    let rest = Array(path.dropFirst())
    func fail(_ message: String) -> TOMLError {
      TOMLError(line: position.line, column: position.column, message: message)
    }
    if table.index(of: first) == nil {
      table.append(
        .init(
          key: first,
          value: TOMLValue(kind: .table(TOMLTable()), line: position.line, column: position.column),
          line: position.line, column: position.column))
    }
    try table.update(at: table.index(of: first)!) { value throws(TOMLError) in
      switch value.kind {
      case .table(var inner):
        guard !inner.inline else {
          throw fail("'\(first)' is an inline table and cannot be extended")
        }
        try withTable(rest, in: &inner, at: position, body)
        value.kind = .table(inner)
      case .array(var items) where value.tableArray:
        guard var inner = items.last?.table else { throw fail("'\(first)' is not a table") }
        try withTable(rest, in: &inner, at: position, body)
        items[items.count - 1].kind = .table(inner)
        value.kind = .array(items)
      default:
        throw fail("'\(first)' is already a value, not a table")
      }
    }
  }

  /// `key = value` (a dotted key makes the tables on its way).
  private mutating func keyValue(into path: [String]) throws(TOMLError) {
    let keys = try key()
    skipSpaces()
    guard peek == UInt8(ascii: "=") else { throw fail("expected '=' after the key") }
    index += 1
    skipSpaces()
    let value = try value(depth: 0)
    let last = keys.last!
    try withTable(path + keys.dropLast().map(\.key)) { table throws(TOMLError) in
      try Self.add(last, value, to: &table)
    }
  }

  /// Adds `key = value` to `table`; a key may be given once.
  private static func add(
    _ key: (key: String, line: Int, column: Int), _ value: TOMLValue, to table: inout TOMLTable
  ) throws(TOMLError) {
    guard table.index(of: key.key) == nil else {
      throw TOMLError(line: key.line, column: key.column, message: "duplicate key '\(key.key)'")
    }
    table.append(.init(key: key.key, value: value, line: key.line, column: key.column))
  }

  // MARK: - Keys

  /// A key, dotted or not: its parts with their positions.
  private mutating func key() throws(TOMLError) -> [(key: String, line: Int, column: Int)] {
    var parts: [(key: String, line: Int, column: Int)] = []
    while true {
      skipSpaces()
      let start = here
      let part: String
      switch peek {
      case UInt8(ascii: "\""): part = try basicString()
      case UInt8(ascii: "'"): part = try literalString()
      default:
        let begin = index
        while let byte = peek, Self.isBareKey(byte) { index += 1 }
        guard index > begin else {
          throw fail(
            peek == nil
              ? "expected a key, found the end of the file" : "expected a key, found '\(character)'"
          )
        }
        part = String(decoding: bytes[begin..<index], as: UTF8.self)
      }
      parts.append((part, start.line, start.column))
      // As deep as values may nest, and no deeper: each part is a table
      // on the way, and thousands of them cost time and memory squared.
      guard parts.count <= Self.maximumDepth else {
        throw TOMLError(
          line: start.line, column: start.column,
          message: "a key nested more than \(Self.maximumDepth) deep")
      }
      skipSpaces()
      guard peek == UInt8(ascii: ".") else { return parts }
      index += 1
    }
  }

  private static func isBareKey(_ byte: UInt8) -> Bool {
    (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
      || (byte >= 0x30 && byte <= 0x39)
      || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
  }

  // MARK: - Values

  private mutating func value(depth: Int) throws(TOMLError) -> TOMLValue {
    guard depth < Self.maximumDepth else {
      throw fail("values nested more than \(Self.maximumDepth) deep")
    }
    let start = here
    let kind: TOMLValue.Kind
    switch peek {
    case UInt8(ascii: "\""): kind = .string(try basicString())
    case UInt8(ascii: "'"): kind = .string(try literalString())
    case UInt8(ascii: "["): kind = .array(try array(depth: depth))
    case UInt8(ascii: "{"): kind = .table(try inlineTable(depth: depth))
    case UInt8(ascii: "t") where at("true"):
      index += 4
      kind = .bool(true)
    case UInt8(ascii: "f") where at("false"):
      index += 5
      kind = .bool(false)
    case nil: throw fail("expected a value, found the end of the file")
    default: kind = try number()
    }
    return TOMLValue(kind: kind, line: start.line, column: start.column)
  }

  private mutating func array(depth: Int) throws(TOMLError) -> [TOMLValue] {
    index += 1
    var items: [TOMLValue] = []
    while true {
      skipBlank()
      if peek == UInt8(ascii: "]") {
        index += 1
        return items
      }
      items.append(try value(depth: depth + 1))
      skipBlank()
      if peek == UInt8(ascii: ",") {
        index += 1
        continue
      }
      guard peek == UInt8(ascii: "]") else {
        throw fail(
          peek == nil
            ? "the array is not closed with ']'"
            : "expected ',' or ']' in the array, found '\(character)'")
      }
    }
  }

  private mutating func inlineTable(depth: Int) throws(TOMLError) -> TOMLTable {
    index += 1
    var table = TOMLTable()
    table.inline = true
    skipSpaces()
    if peek == UInt8(ascii: "}") {
      index += 1
      return table
    }
    while true {
      skipSpaces()
      let keys = try key()
      skipSpaces()
      guard peek == UInt8(ascii: "=") else { throw fail("expected '=' after the key") }
      index += 1
      skipSpaces()
      let value = try value(depth: depth + 1)
      let last = keys.last!
      // A dotted key inside an inline table builds its tables there.
      try Self.withTable(keys.dropLast().map(\.key), in: &table, at: here) {
        target throws(TOMLError) in
        try Self.add(last, value, to: &target)
      }
      skipSpaces()
      if peek == UInt8(ascii: ",") {
        index += 1
        continue
      }
      guard peek == UInt8(ascii: "}") else {
        throw fail(
          peek == nil
            ? "the inline table is not closed with '}'"
            : "expected ',' or '}' in the inline table, found '\(character)'")
      }
      index += 1
      return table
    }
  }

  // MARK: - Strings

  private mutating func basicString() throws(TOMLError) -> String {
    let multiline = at("\"\"\"")
    index += multiline ? 3 : 1
    if multiline { _ = newline() }
    var out: [UInt8] = []
    while true {
      guard let byte = peek else { throw fail("the string is not closed") }
      if multiline, at("\"\"\"") {
        // Up to two quotes may end the content just before the closing three.
        var quotes = 3
        while peek(quotes) == UInt8(ascii: "\""), quotes < 5 { quotes += 1 }
        out += Array(repeating: UInt8(ascii: "\""), count: quotes - 3)
        index += quotes
        break
      }
      if !multiline, byte == UInt8(ascii: "\"") {
        index += 1
        break
      }
      if byte == UInt8(ascii: "\\") {
        if multiline, lineEndingBackslash() { continue }
        out += try escape()
        continue
      }
      if byte == 0x0A || (byte == 0x0D && peek(1) == 0x0A) {
        guard multiline else { throw fail("a one-line string cannot hold a line break") }
        if byte == 0x0D { index += 1 }
        _ = newline()
        out.append(0x0A)
        continue
      }
      guard byte >= 0x20 || byte == 0x09, byte != 0x7F else {
        throw fail("a control character must be written as an escape (\\uXXXX)")
      }
      out.append(byte)
      index += 1
    }
    return try text(out)
  }

  /// `\` at the end of a line in a multi-line string: the line break and
  /// the blanks after it are dropped.
  private mutating func lineEndingBackslash() -> Bool {
    var probe = index + 1
    while probe < bytes.count, bytes[probe] == 0x20 || bytes[probe] == 0x09 { probe += 1 }
    guard probe < bytes.count, bytes[probe] == 0x0A || bytes[probe] == 0x0D else { return false }
    index = probe
    while true {
      skipSpaces()
      if !newline() { return true }
    }
  }

  private mutating func escape() throws(TOMLError) -> [UInt8] {
    index += 1
    guard let code = peek else { throw fail("the string is not closed") }
    index += 1
    switch code {
    case UInt8(ascii: "b"): return [0x08]
    case UInt8(ascii: "t"): return [0x09]
    case UInt8(ascii: "n"): return [0x0A]
    case UInt8(ascii: "f"): return [0x0C]
    case UInt8(ascii: "r"): return [0x0D]
    case UInt8(ascii: "e"): return [0x1B]
    case UInt8(ascii: "\""): return [UInt8(ascii: "\"")]
    case UInt8(ascii: "\\"): return [UInt8(ascii: "\\")]
    case UInt8(ascii: "u"), UInt8(ascii: "U"):
      let digits = code == UInt8(ascii: "u") ? 4 : 8
      guard index + digits <= bytes.count,
        let value = UInt32(
          String(decoding: bytes[index..<index + digits], as: UTF8.self), radix: 16),
        let scalar = Unicode.Scalar(value)
      else {
        index -= 2
        throw fail(
          "'\\\(code == UInt8(ascii: "u") ? "u" : "U")' needs \(digits) hex digits of a Unicode scalar"
        )
      }
      index += digits
      return Array(String(scalar).utf8)
    default:
      index -= 2
      throw fail("unknown escape '\\\(String(decoding: [code], as: UTF8.self))'")
    }
  }

  private mutating func literalString() throws(TOMLError) -> String {
    let multiline = at("'''")
    index += multiline ? 3 : 1
    if multiline { _ = newline() }
    var out: [UInt8] = []
    while true {
      guard let byte = peek else { throw fail("the string is not closed") }
      if multiline, at("'''") {
        var quotes = 3
        while peek(quotes) == UInt8(ascii: "'"), quotes < 5 { quotes += 1 }
        out += Array(repeating: UInt8(ascii: "'"), count: quotes - 3)
        index += quotes
        break
      }
      if !multiline, byte == UInt8(ascii: "'") {
        index += 1
        break
      }
      if byte == 0x0A || (byte == 0x0D && peek(1) == 0x0A) {
        guard multiline else { throw fail("a one-line string cannot hold a line break") }
        if byte == 0x0D { index += 1 }
        _ = newline()
        out.append(0x0A)
        continue
      }
      guard byte >= 0x20 || byte == 0x09, byte != 0x7F else {
        throw fail("a literal string cannot hold a control character")
      }
      out.append(byte)
      index += 1
    }
    return try text(out)
  }

  private func text(_ bytes: [UInt8]) throws(TOMLError) -> String {
    guard let text = String(validating: bytes, as: UTF8.self) else { throw fail("not UTF-8 text") }
    return text
  }

  // MARK: - Numbers

  private mutating func number() throws(TOMLError) -> TOMLValue.Kind {
    let begin = index
    while let byte = peek,
      !(byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: ",")
        || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "#"))
    {
      index += 1
    }
    let word = String(decoding: bytes[begin..<index], as: UTF8.self)
    guard !word.isEmpty else { throw fail("expected a value, found '\(character)'") }
    if let value = Self.integer(word) { return .integer(value) }
    if let value = Self.float(word) { return .float(value) }
    index = begin
    if word.contains(":") || (word.count >= 10 && word.dropFirst(4).first == "-") {
      throw fail("dates and times are not supported here")
    }
    throw fail(
      "expected a value (a \"string\", a number, true, false, [ ] or { }), found '\(word.prefix(40))'"
    )
  }

  private static func integer(_ word: String) -> Int? {
    var text = Substring(word)
    var radix = 10
    for (prefix, base) in [("0x", 16), ("0o", 8), ("0b", 2)] where text.hasPrefix(prefix) {
      radix = base
      text = text.dropFirst(2)
    }
    guard radix == 10 || !text.hasPrefix("+") && !text.hasPrefix("-") else { return nil }
    guard validUnderscores(text) else { return nil }
    let digits = text.filter { $0 != "_" }
    if radix == 10 {
      let unsigned = digits.drop { $0 == "+" || $0 == "-" }
      guard unsigned.count <= 1 || !unsigned.hasPrefix("0") else { return nil }
    }
    return Int(digits, radix: radix)
  }

  private static func float(_ word: String) -> Double? {
    switch word {
    case "inf", "+inf": return .infinity
    case "-inf": return -.infinity
    case "nan", "+nan", "-nan": return .nan
    default: break
    }
    guard word.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }),
      validUnderscores(Substring(word)),
      !word.hasPrefix("."), !word.hasSuffix("."), !word.contains("._"), !word.contains("_.")
    else { return nil }
    return Double(word.filter { $0 != "_" })
  }

  /// Underscores only between two digits.
  private static func validUnderscores(_ text: Substring) -> Bool {
    let characters = Array(text)
    for (offset, character) in characters.enumerated() where character == "_" {
      guard offset > 0, offset + 1 < characters.count, characters[offset - 1].isHexDigit,
        characters[offset + 1].isHexDigit
      else { return false }
    }
    return true
  }
}
