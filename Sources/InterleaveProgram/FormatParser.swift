/// The fields of an f-string: `{expression!conversion:spec}` between
/// literal text, `{{` and `}}` for braces.
enum FormatParser {
  static func parts(_ token: Token) throws(SourceError) -> [FormatPart] {
    guard case .string(let text, _) = token.kind else { return [] }
    let characters = Array(text)
    let locations = token.characterLocations
    func location(_ index: Int) -> SourceLocation {
      index < locations.count ? locations[index] : token.location
    }
    var index = 0
    return try parts(characters, &index, location: location, inSpec: false)
  }

  /// Reads parts up to the end (or, in a spec, up to its closing brace).
  private static func parts(
    _ characters: [Character], _ index: inout Int, location: (Int) -> SourceLocation,
    inSpec: Bool
  ) throws(SourceError) -> [FormatPart] {
    var parts: [FormatPart] = []
    var literal = ""
    while index < characters.count {
      let character = characters[index]
      if character == "}" {
        if inSpec { break }
        guard index + 1 < characters.count, characters[index + 1] == "}" else {
          throw SourceError("f-string: single '}' is not allowed", at: location(index))
        }
        literal.append("}")
        index += 2
        continue
      }
      guard character == "{" else {
        literal.append(character)
        index += 1
        continue
      }
      if !inSpec, index + 1 < characters.count, characters[index + 1] == "{" {
        literal.append("{")
        index += 2
        continue
      }
      if !literal.isEmpty {
        parts.append(.text(literal))
        literal = ""
      }
      parts.append(try field(characters, &index, location: location))
    }
    if !literal.isEmpty { parts.append(.text(literal)) }
    return parts
  }

  /// One `{...}` field, `index` at its `{`; leaves `index` after its `}`.
  private static func field(
    _ characters: [Character], _ index: inout Int, location: (Int) -> SourceLocation
  ) throws(SourceError) -> FormatPart {
    let open = index
    index += 1
    let start = index
    var depth = 0
    var quote: Character?
    while index < characters.count {
      let character = characters[index]
      if let open = quote {
        if character == open { quote = nil }
      } else if character == "'" || character == "\"" {
        quote = character
      } else if "([{".contains(character) {
        depth += 1
      } else if ")]}".contains(character) && depth > 0 {
        depth -= 1
      } else if depth == 0 && (character == "}" || character == ":" || character == "!") {
        if character == "!", index + 1 < characters.count, characters[index + 1] == "=" {
          index += 2
          continue
        }
        break
      }
      index += 1
    }
    guard index < characters.count else {
      throw SourceError("f-string: expecting '}'", at: location(open))
    }
    let source = String(characters[start..<index])
    if source.allSatisfy(\.isWhitespace) {
      throw SourceError("f-string: empty expression not allowed", at: location(open))
    }
    if source.hasSuffix("=") && !source.hasSuffix("==") {
      throw Parser.unsupported("'=' in f-string fields is", at: location(open))
    }
    let expression = try parse(source, at: location(start))
    var conversion: Character?
    if characters[index] == "!" {
      guard index + 1 < characters.count, "rsa".contains(characters[index + 1]) else {
        throw SourceError(
          "f-string: invalid conversion character: expected 's', 'r', or 'a'", at: location(index))
      }
      conversion = characters[index + 1]
      index += 2
    }
    var spec: [FormatPart] = []
    if index < characters.count, characters[index] == ":" {
      index += 1
      spec = try parts(characters, &index, location: location, inSpec: true)
    }
    guard index < characters.count, characters[index] == "}" else {
      throw SourceError("f-string: expecting '}'", at: location(open))
    }
    index += 1
    return .field(expression, conversion: conversion, spec: spec)
  }

  /// A field's expression, its locations moved to where it stands.
  private static func parse(_ source: String, at base: SourceLocation) throws(SourceError)
    -> Expression
  {
    var tokens = try Lexer.tokens("(" + source + ")")
    for index in tokens.indices {
      var location = tokens[index].location
      if location.line == 1 {
        location = SourceLocation(line: base.line, column: base.column + location.column - 2)
      } else {
        location.line += base.line - 1
      }
      tokens[index].location = location
    }
    var parser = Parser(tokens)
    let expression = try parser.expressionList()
    guard parser.current.kind == .newline || parser.current.kind == .end else {
      throw SourceError("f-string: invalid syntax", at: parser.current.location)
    }
    return expression
  }
}
