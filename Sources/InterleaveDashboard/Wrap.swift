/// Word wrapping by display width.
enum Wrap {
  /// `text` broken at spaces into lines of at most `width` cells; a word
  /// longer than a line is cut.
  static func lines(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    if TextWidth.of(text) <= width { return [text] }
    var lines: [String] = []
    var current = ""
    var currentWidth = 0
    for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
      let wordWidth = TextWidth.of(word)
      let joined = current.isEmpty ? wordWidth : currentWidth + 1 + wordWidth
      if joined <= width {
        current = current.isEmpty ? word : current + " " + word
        currentWidth = joined
        continue
      }
      if !current.isEmpty { lines.append(current) }
      var rest = word
      while TextWidth.of(rest) > width {
        let head = TextWidth.prefix(rest, fitting: width)
        guard !head.isEmpty else { break }
        lines.append(head)
        rest = String(rest.dropFirst(head.count))
      }
      (current, currentWidth) = (rest, TextWidth.of(rest))
    }
    if !current.isEmpty { lines.append(current) }
    return lines.isEmpty ? [""] : lines
  }
}
