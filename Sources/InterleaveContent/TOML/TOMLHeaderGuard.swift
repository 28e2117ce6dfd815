/// Refuses the table headers that make toml++ (inside TOMLKit 0.6.0) abort
/// the process instead of returning a parse error: `[` or `[[` followed by
/// anything but a key (`[[[`, `[ {`, `[,`). Upstream fixed this in
/// tomlplusplus PR #301; this check mirrors that fix until TOMLKit ships it.
enum TOMLHeaderGuard {
  /// The first bad header's 1-based line and column, and what is wrong.
  static func problem(in text: String) -> (line: Int, column: Int, message: String)? {
    var arrayDepth = 0
    var multiline: String?
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      let characters = Array(line)
      var position = 0
      var lineStart = true
      while position < characters.count {
        let character = characters[position]
        if let delimiter = multiline {
          if matches(characters, at: position, delimiter) {
            multiline = nil
            position += 3
          } else {
            position += 1
          }
          continue
        }
        if lineStart && (character == " " || character == "\t") {
          position += 1
          continue
        }
        if lineStart && character == "[" && arrayDepth == 0 {
          var next = position + 1
          if next < characters.count && characters[next] == "[" { next += 1 }
          while next < characters.count && (characters[next] == " " || characters[next] == "\t") {
            next += 1
          }
          guard next < characters.count, isKeyStart(characters[next]) else {
            return (index + 1, next + 1, "expected a table name after '['")
          }
          break  // A header takes the whole line.
        }
        lineStart = false
        switch character {
        case "#": position = characters.count
        case "\"", "'":
          let triple = String(repeating: character, count: 3)
          if matches(characters, at: position, triple) {
            multiline = triple
            position += 3
          } else {
            position = closing(characters, from: position + 1, quote: character)
          }
        case "[":
          arrayDepth += 1
          position += 1
        case "]":
          arrayDepth = max(0, arrayDepth - 1)
          position += 1
        default: position += 1
        }
      }
    }
    return nil
  }

  private static func isKeyStart(_ character: Character) -> Bool {
    character == "\"" || character == "'" || character == "_" || character == "-"
      || (character.isASCII && (character.isLetter || character.isNumber))
  }

  private static func matches(_ characters: [Character], at position: Int, _ text: String) -> Bool {
    let pattern = Array(text)
    guard position + pattern.count <= characters.count else { return false }
    return Array(characters[position..<position + pattern.count]) == pattern
  }

  /// The position after a one-line string's closing quote (or the line's end).
  private static func closing(_ characters: [Character], from start: Int, quote: Character) -> Int {
    var position = start
    while position < characters.count {
      if quote == "\"" && characters[position] == "\\" {
        position += 2
        continue
      }
      if characters[position] == quote { return position + 1 }
      position += 1
    }
    return position
  }
}
