import InterleaveText

/// A help topic's text for a terminal: each line broken between words
/// within `width` cells, so no word is split at the terminal's edge. A
/// table's row (a label, two spaces or more, then what it means) keeps
/// the meaning's column on the lines it runs onto.
enum HelpWrap {
  static func wrapped(_ text: String, width: Int = 80) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { row -> [String] in
      let line = String(row)
      guard TextWidth.of(line) > width else { return [line] }
      if let gap = line.firstRange(of: /\ \ +/), gap.lowerBound > line.startIndex {
        let label = String(line[..<gap.upperBound])
        let indent = TextWidth.of(label)
        if indent <= width / 2 {
          let pad = String(repeating: " ", count: indent)
          return Wrap.lines(String(line[gap.upperBound...]), width: width - indent).enumerated()
            .map { ($0.offset == 0 ? label : pad) + $0.element }
        }
      }
      return Wrap.lines(line, width: width)
    }.joined(separator: "\n")
  }
}
