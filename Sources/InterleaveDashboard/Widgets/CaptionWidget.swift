import InterleaveText

/// The caption bar: a lesson's caption or the scenario's blurb, wrapped.
public enum CaptionWidget {
  public static func render(_ lines: [String], in area: Rect, on canvas: inout Canvas) {
    canvas.fill(area, style: Style(.caption, reverse: true))
    for (row, line) in lines.prefix(area.height).enumerated() {
      canvas.put(
        " " + line, x: area.x, y: area.y + row, style: Style(.caption, bold: true, reverse: true),
        clip: area)
    }
  }

  /// The caption wrapped at words to `width` cells less a margin, in at
  /// most `limit` lines; a caption that needs more ends in "…".
  public static func lines(_ caption: String, width: Int, limit: Int) -> [String] {
    let room = width - 2
    guard room > 1, limit > 0 else { return [] }
    var lines: [String] = []
    for paragraph in caption.split(separator: "\n", omittingEmptySubsequences: false) {
      lines += Wrap.lines(String(paragraph), width: room)
      if lines.count > limit { break }
    }
    guard lines.count > limit else { return lines }
    lines.removeLast(lines.count - limit)
    lines[limit - 1] = TextWidth.prefix(lines[limit - 1], fitting: room - 1) + "…"
    return lines
  }
}
