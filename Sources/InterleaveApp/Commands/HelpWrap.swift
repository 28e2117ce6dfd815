import InterleaveText

/// A help topic's text for a terminal: each line broken between words
/// within `width` cells, so no word is split at the terminal's edge. A
/// table's row (a label, its widest run of spaces, then what it means)
/// keeps the meaning's column on the lines it runs onto; a label may hold
/// two spaces of its own (`iter  M/s`).
enum HelpWrap {
  static func wrapped(_ text: String, width: Int = 80) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { row -> [String] in
      let line = String(row)
      guard TextWidth.of(line) > width else { return [line] }
      let gaps = line.ranges(of: /\ \ +/)
      if let gap = gaps.max(by: {
        line.distance(from: $0.lowerBound, to: $0.upperBound)
          < line.distance(from: $1.lowerBound, to: $1.upperBound)
      }),
        gap.lowerBound > line.startIndex
      {
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
