/// Splits a program's text into tokens as Python's tokenizer does: NEWLINE,
/// INDENT and DEDENT from the layout, lines joined inside brackets and after
/// a backslash, comments dropped.
struct Lexer {
  private let characters: [Character]
  private var index = 0
  private var line = 1
  private var column = 1
  private var tokens: [Token] = []
  private var indents = [0]
  private var depth = 0
  private var atLineStart = true

  init(_ text: String) { characters = Array(text) }

  static let symbols: [String] = [
    "**=", "//=", ">>=", "<<=", "...", "**", "//", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=",
    "%=", "->", ":=", "<<", ">>", "&=", "|=", "^=", "+", "-", "*", "/", "%", "<", ">", "=", "(",
    ")", "[", "]", "{", "}", ",", ":", ".", ";", "@", "&", "|", "^", "~",
  ]

  static func tokens(_ text: String) throws(SourceError) -> [Token] {
    var lexer = Lexer(text)
    return try lexer.run()
  }

  private var here: SourceLocation { SourceLocation(line: line, column: column) }
  private func peek(_ offset: Int = 0) -> Character? {
    index + offset < characters.count ? characters[index + offset] : nil
  }

  private mutating func advance() {
    if characters[index] == "\n" {
      line += 1
      column = 1
    } else {
      column += 1
    }
    index += 1
  }

  private mutating func add(_ kind: Token.Kind, at location: SourceLocation) {
    tokens.append(Token(kind: kind, location: location))
  }

  mutating func run() throws(SourceError) -> [Token] {
    while index < characters.count {
      if atLineStart {
        try layout()
        continue
      }
      let character = characters[index]
      switch character {
      case "\n", "\r\n":
        if depth == 0 { add(.newline, at: here) }
        advance()
        atLineStart = depth == 0
      case "\r":
        advance()
      case " ", "\t", "\u{0C}":
        advance()
      case "#":
        while let next = peek(), next != "\n", next != "\r\n" { advance() }
      case "\\":
        let start = here
        advance()
        guard let next = peek(), next == "\n" || next == "\r\n" else {
          throw SourceError("unexpected character after line continuation character", at: start)
        }
        advance()
      default:
        try token(character)
      }
    }
    if tokens.last.map({ $0.kind != .newline && $0.kind != .dedent }) ?? false {
      add(.newline, at: here)
    }
    while indents.count > 1 {
      indents.removeLast()
      add(.dedent, at: here)
    }
    add(.end, at: here)
    return tokens
  }

  /// At the start of a line: its indentation, or nothing for a blank line.
  private mutating func layout() throws(SourceError) {
    var width = 0
    while let next = peek(), next == " " || next == "\t" || next == "\u{0C}" {
      width = next == "\t" ? (width / 8 + 1) * 8 : width + 1
      advance()
    }
    guard let next = peek() else { return }
    if next == "\n" || next == "\r\n" || next == "\r" || next == "#" {
      // A blank or comment-only line has no layout.
      while let rest = peek(), rest != "\n", rest != "\r\n" { advance() }
      if peek() != nil { advance() }
      return
    }
    atLineStart = false
    if width > indents.last! {
      indents.append(width)
      add(.indent, at: here)
    } else {
      while width < indents.last! {
        indents.removeLast()
        add(.dedent, at: here)
      }
      guard width == indents.last! else {
        throw SourceError("unindent does not match any outer indentation level", at: here)
      }
    }
  }

  private mutating func token(_ character: Character) throws(SourceError) {
    let start = here
    if character.isLetter || character == "_" {
      var name = ""
      while let next = peek(), next.isLetter || next.isNumber || next == "_" {
        name.append(next)
        advance()
      }
      if let quote = peek(), quote == "'" || quote == "\"", let prefix = Self.prefix(name) {
        try string(prefix: prefix, at: start)
        return
      }
      add(.name(name), at: start)
      return
    }
    if character.isASCII && character.isNumber
      || character == "." && (peek(1).map { $0.isASCII && $0.isNumber } ?? false)
    {
      try number(at: start)
      return
    }
    if character == "'" || character == "\"" {
      try string(prefix: "", at: start)
      return
    }
    for symbol in Self.symbols where matches(symbol) {
      for _ in symbol { advance() }
      switch symbol {
      case "(", "[", "{": depth += 1
      case ")", "]", "}": depth = max(0, depth - 1)
      default: break
      }
      add(.symbol(symbol), at: start)
      return
    }
    if character == "!" {
      throw SourceError("invalid syntax", at: start)
    }
    throw SourceError("invalid character '\(character)'", at: start)
  }

  private func matches(_ symbol: String) -> Bool {
    var offset = 0
    for character in symbol {
      guard peek(offset) == character else { return false }
      offset += 1
    }
    return true
  }

  /// The string prefixes Python allows, lowercased (nil: not a prefix).
  private static func prefix(_ name: String) -> String? {
    let lower = name.lowercased()
    return ["r", "u", "f", "b", "rf", "fr", "br", "rb"].contains(lower) ? lower : nil
  }

  private mutating func number(at start: SourceLocation) throws(SourceError) {
    var text = ""
    var isFloat = false
    while let next = peek() {
      if next.isASCII && (next.isNumber || next.isLetter) || next == "_" {
        if next == "e" || next == "E", !text.lowercased().hasPrefix("0x") {
          isFloat = true
          text.append(next)
          advance()
          if let sign = peek(), sign == "+" || sign == "-" {
            text.append(sign)
            advance()
          }
          continue
        }
        text.append(next)
        advance()
      } else if next == "." && !isFloat {
        isFloat = true
        text.append(next)
        advance()
      } else {
        break
      }
    }
    let digits = text.filter { $0 != "_" }
    if isFloat {
      guard let value = Double(digits) else {
        throw SourceError("invalid decimal literal", at: start)
      }
      add(.float(value), at: start)
      return
    }
    let value: Int?
    if digits.lowercased().hasPrefix("0x") {
      value = Int(digits.dropFirst(2), radix: 16)
    } else if digits.lowercased().hasPrefix("0b") {
      value = Int(digits.dropFirst(2), radix: 2)
    } else if digits.lowercased().hasPrefix("0o") {
      value = Int(digits.dropFirst(2), radix: 8)
    } else {
      value = Int(digits)
      if value != nil, digits.count > 1, digits.hasPrefix("0"), Int(digits) != 0 {
        throw SourceError(
          "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
          at: start)
      }
    }
    guard let value else {
      if digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
        throw SourceError("integers beyond 64 bits are not supported here", at: start)
      }
      throw SourceError("invalid decimal literal", at: start)
    }
    add(.int(value), at: start)
  }

  private mutating func string(prefix: String, at start: SourceLocation) throws(SourceError) {
    if prefix.contains("b") {
      throw SourceError("bytes literals are not supported here (supported: str)", at: start)
    }
    let raw = prefix.contains("r")
    let formatted = prefix.contains("f")
    let quote = peek()!
    let triple = peek(1) == quote && peek(2) == quote
    for _ in 0..<(triple ? 3 : 1) { advance() }
    var value = ""
    var locations: [SourceLocation] = []
    while true {
      guard let next = peek() else {
        throw SourceError(
          triple ? "unterminated triple-quoted string literal" : "unterminated string literal",
          at: start)
      }
      if next == quote {
        if !triple {
          advance()
          break
        }
        if peek(1) == quote && peek(2) == quote {
          for _ in 0..<3 { advance() }
          break
        }
      }
      if !triple && (next == "\n" || next == "\r\n") {
        throw SourceError("unterminated string literal", at: start)
      }
      let location = here
      if next == "\\" && !raw {
        advance()
        guard let escaped = peek() else { continue }
        advance()
        let decoded = try escape(escaped, at: location)
        for character in decoded {
          value.append(character)
          locations.append(location)
        }
        continue
      }
      value.append(next)
      locations.append(location)
      advance()
    }
    var token = Token(kind: .string(value, formatted: formatted), location: start)
    if formatted { token.characterLocations = locations }
    tokens.append(token)
  }

  private mutating func escape(_ character: Character, at location: SourceLocation)
    throws(SourceError) -> String
  {
    switch character {
    case "n": return "\n"
    case "t": return "\t"
    case "r": return "\r"
    case "0": return "\0"
    case "a": return "\u{07}"
    case "b": return "\u{08}"
    case "f": return "\u{0C}"
    case "v": return "\u{0B}"
    case "\\", "'", "\"": return String(character)
    case "\n", "\r\n": return ""
    case "x", "u", "U":
      let count = character == "x" ? 2 : character == "u" ? 4 : 8
      var digits = ""
      for _ in 0..<count {
        guard let next = peek(), next.isHexDigit else { break }
        digits.append(next)
        advance()
      }
      guard digits.count == count, let code = UInt32(digits, radix: 16),
        let scalar = Unicode.Scalar(code)
      else {
        throw SourceError("truncated \\\(character) escape", at: location)
      }
      return String(Character(scalar))
    default:
      return "\\" + String(character)
    }
  }
}
