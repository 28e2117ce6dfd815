/// A canvas as an SVG picture: the terminal's cell grid in the theme's
/// colours, made here with no browser and no other renderer.
///
/// Each cell is `cellWidth` x `cellHeight` pixels; runs of cells with one
/// style become one background rectangle and one `<text>` whose length is
/// fixed to its cells, so any monospace font lines up; a wide (CJK) glyph is
/// its own `<text>` two cells wide.
public enum SVGFrame {
  public static let cellWidth = 9
  public static let cellHeight = 18
  static let fontSize = 15
  /// What a terminal's own default colours stand for (a dark terminal).
  static let defaultForeground = (208, 208, 208)
  static let defaultBackground = (28, 28, 28)

  /// The whole picture.
  public static func render(_ canvas: Canvas, theme: Theme) -> String {
    let width = canvas.width * cellWidth
    let height = canvas.height * cellHeight
    var svg = """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" \
      viewBox="0 0 \(width) \(height)">
      <rect width="100%" height="100%" fill="\(hex(defaultBackground))"/>
      <g font-family="DejaVu Sans Mono, Noto Sans Mono CJK SC, monospace" \
      font-size="\(fontSize)" xml:space="preserve">

      """
    for row in 0..<canvas.height { svg += self.row(row, of: canvas, theme: theme) }
    svg += "</g>\n</svg>\n"
    return svg
  }

  /// One row's background rectangles and text.
  static func row(_ row: Int, of canvas: Canvas, theme: Theme) -> String {
    var out = ""
    var column = 0
    let baseline = row * cellHeight + cellHeight * 3 / 4
    while column < canvas.width {
      let style = canvas[column, row].style
      var end = column
      var text = ""
      var wide: [(column: Int, glyph: String)] = []
      while end < canvas.width, canvas[end, row].style == style {
        let cell = canvas[end, row]
        if end + 1 < canvas.width, canvas[end + 1, row].isContinuation {
          wide.append((end, cell.text))
          text += "  "
          end += 2
        } else {
          text += cell.isContinuation ? " " : cell.text
          end += 1
        }
      }
      let (foreground, background) = colours(style, theme: theme)
      let x = column * cellWidth
      let cells = end - column
      if background != nil || style.reverse {
        out +=
          "<rect x=\"\(x)\" y=\"\(row * cellHeight)\" width=\"\(cells * cellWidth)\" "
          + "height=\"\(cellHeight)\" fill=\"\(hex(background ?? defaultBackground))\"/>\n"
      }
      let weight = style.bold ? " font-weight=\"bold\"" : ""
      let narrow = String(text.map { $0 == "\u{0}" ? " " : $0 })
      if narrow.contains(where: { $0 != " " }) && wide.count * 2 < cells {
        // Wide glyphs stand in as spaces here and are drawn on their own.
        out +=
          "<text x=\"\(x)\" y=\"\(baseline)\" textLength=\"\(cells * cellWidth)\" "
          + "lengthAdjust=\"spacingAndGlyphs\" fill=\"\(hex(foreground))\"\(weight)>"
          + escaped(narrow) + "</text>\n"
      }
      for glyph in wide {
        out +=
          "<text x=\"\(glyph.column * cellWidth)\" y=\"\(baseline)\" "
          + "textLength=\"\(2 * cellWidth)\" lengthAdjust=\"spacingAndGlyphs\" "
          + "fill=\"\(hex(foreground))\"\(weight)>" + escaped(glyph.glyph) + "</text>\n"
      }
      column = end
    }
    return out
  }

  /// The foreground, and the background when it is not the terminal's own.
  static func colours(_ style: Style, theme: Theme) -> ((Int, Int, Int), (Int, Int, Int)?) {
    let colors = theme.colors(for: style.role)
    let foreground = ThemeContrast.rgb(colors.foreground) ?? defaultForeground
    let background = ThemeContrast.rgb(colors.background)
    guard style.reverse else { return (foreground, background) }
    return (background ?? defaultBackground, foreground)
  }

  static func hex(_ colour: (Int, Int, Int)) -> String {
    let digits = Array("0123456789abcdef")
    var out = "#"
    for channel in [colour.0, colour.1, colour.2] {
      let value = max(0, min(255, channel))
      out.append(digits[value / 16])
      out.append(digits[value % 16])
    }
    return out
  }

  /// Text as XML character data (the canvas holds no controls already).
  static func escaped(_ text: String) -> String {
    var out = ""
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      default: out.append(character)
      }
    }
    return out
  }
}
