/// Word wrapping by display width, in one pass over the text.
public enum Wrap {
  /// `text` broken at spaces into lines of at most `width` cells; a word
  /// longer than a line is cut. Linear in the length of `text`.
  public static func lines(_ text: String, width: Int) -> [String] {
    lines(text, first: width, later: width)
  }

  /// Like `lines`, with every line after the first indented by `indent`
  /// cells (a hanging indent), all within `width`.
  public static func hanging(_ text: String, width: Int, indent: Int) -> [String] {
    guard width > indent + 1 else { return lines(text, width: width) }
    let pad = String(repeating: " ", count: indent)
    return lines(text, first: width, later: width - indent).enumerated().map {
      $0.offset == 0 ? $0.element : pad + $0.element
    }
  }

  /// The first line at most `first` cells, the others at most `later`.
  static func lines(_ text: String, first: Int, later: Int) -> [String] {
    guard first > 0, later > 0 else { return [] }
    // Text that fits keeps its spacing as it is.
    if !text.contains("\n"), TextWidth.of(text) <= first {
      return [String(String.UnicodeScalarView(text.unicodeScalars.map(TextWidth.inert)))]
    }
    var lines: [String] = []
    var current = ""
    var currentWidth = 0
    var word = ""
    var wordWidth = 0
    func limit() -> Int { lines.isEmpty ? first : later }
    func endLine() {
      lines.append(current)
      (current, currentWidth) = ("", 0)
    }
    func flushWord() {
      guard !word.isEmpty else { return }
      if currentWidth > 0, currentWidth + 1 + wordWidth > limit() { endLine() }
      if currentWidth > 0 {
        current += " "
        currentWidth += 1
      }
      current += word
      currentWidth += wordWidth
      (word, wordWidth) = ("", 0)
    }
    for scalar in text.unicodeScalars {
      if scalar == " " {
        flushWord()
        continue
      }
      let safe = TextWidth.inert(scalar)
      let cells = TextWidth.of(safe)
      // A word that cannot fit a line of its own is cut where it stops fitting.
      if wordWidth + cells > limit() {
        if currentWidth > 0 { endLine() }
        current = word
        currentWidth = wordWidth
        (word, wordWidth) = ("", 0)
        if currentWidth > 0 { endLine() }
      }
      word.unicodeScalars.append(safe)
      wordWidth += cells
    }
    flushWord()
    if currentWidth > 0 || lines.isEmpty { lines.append(current) }
    return lines
  }
}
