import InterleaveDashboard

/// One cell as it is painted: its text ("" for the right half of a wide
/// glyph), colours (nil background: the terminal's own) and weight.
public struct PaintedCell: Equatable, Sendable {
  public var text: String
  public var foreground: RGB
  public var background: RGB?
  public var bold: Bool

  public init(_ text: String = " ", foreground: RGB, background: RGB? = nil, bold: Bool = false) {
    self.text = text
    self.foreground = foreground
    self.background = background
    self.bold = bold
  }

  public var isContinuation: Bool { text.isEmpty }
}

/// A colour's red, green and blue, 0-255 each.
public struct RGB: Equatable, Hashable, Sendable {
  public var red: Int
  public var green: Int
  public var blue: Int

  public init(_ red: Int, _ green: Int, _ blue: Int) {
    self.red = red
    self.green = green
    self.blue = blue
  }

  /// `#rrggbb`.
  public var hex: String {
    let digits = Array("0123456789abcdef")
    var out = "#"
    for channel in [red, green, blue] {
      let value = max(0, min(255, channel))
      out.append(digits[value / 16])
      out.append(digits[value % 16])
    }
    return out
  }
}

/// A screen's worth of painted cells, row by row.
public struct PaintedGrid: Equatable, Sendable {
  public let width: Int
  public let height: Int
  public var rows: [[PaintedCell]]

  public init(width: Int, height: Int, rows: [[PaintedCell]]) {
    self.width = width
    self.height = height
    self.rows = rows
  }
}

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
  public static let defaultForeground = RGB(208, 208, 208)
  public static let defaultBackground = RGB(28, 28, 28)

  /// The picture's opening: its size, background and font.
  public static func header(width: Int, height: Int) -> String {
    let pixelWidth = width * cellWidth
    let pixelHeight = height * cellHeight
    return """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(pixelWidth)" height="\(pixelHeight)" \
      viewBox="0 0 \(pixelWidth) \(pixelHeight)">
      <rect width="100%" height="100%" fill="\(defaultBackground.hex)"/>

      """
  }

  public static let font =
    "font-family=\"DejaVu Sans Mono, Noto Sans Mono CJK SC, monospace\" font-size=\"\(fontSize)\" "
    + "xml:space=\"preserve\""

  /// The whole picture of a dashboard frame.
  public static func render(_ canvas: Canvas, theme: Theme) -> String {
    render(painted(canvas, theme: theme))
  }

  /// The whole picture of a painted grid.
  public static func render(_ grid: PaintedGrid) -> String {
    var svg = header(width: grid.width, height: grid.height) + "<g \(font)>\n"
    for (index, row) in grid.rows.enumerated() { svg += self.row(row, at: index * cellHeight) }
    return svg + "</g>\n</svg>\n"
  }

  /// A dashboard frame's cells in the theme's colours.
  public static func painted(_ canvas: Canvas, theme: Theme) -> PaintedGrid {
    var rows: [[PaintedCell]] = []
    for y in 0..<canvas.height {
      rows.append(
        (0..<canvas.width).map { x in
          let cell = canvas[x, y]
          let (foreground, background) = colours(cell.style, theme: theme)
          return PaintedCell(
            cell.text, foreground: foreground, background: background, bold: cell.style.bold)
        })
    }
    return PaintedGrid(width: canvas.width, height: canvas.height, rows: rows)
  }

  /// One row's background rectangles and text, `top` pixels down.
  public static func row(_ cells: [PaintedCell], at top: Int) -> String {
    var out = ""
    var column = 0
    let baseline = top + cellHeight * 3 / 4
    func same(_ a: PaintedCell, _ b: PaintedCell) -> Bool {
      a.foreground == b.foreground && a.background == b.background && a.bold == b.bold
    }
    while column < cells.count {
      let first = cells[column]
      var end = column
      var text = ""
      var wide: [(column: Int, glyph: String)] = []
      while end < cells.count, same(cells[end], first) {
        let cell = cells[end]
        if end + 1 < cells.count, cells[end + 1].isContinuation {
          wide.append((end, cell.text))
          text += "  "
          end += 2
        } else {
          text += cell.isContinuation ? " " : cell.text
          end += 1
        }
      }
      let x = column * cellWidth
      let count = end - column
      if let background = first.background {
        out +=
          "<rect x=\"\(x)\" y=\"\(top)\" width=\"\(count * cellWidth)\" "
          + "height=\"\(cellHeight)\" fill=\"\(background.hex)\"/>\n"
      }
      let weight = first.bold ? " font-weight=\"bold\"" : ""
      let fill = first.foreground.hex
      if text.contains(where: { $0 != " " }) && wide.count * 2 < count {
        // Wide glyphs stand in as spaces here and are drawn on their own.
        out +=
          "<text x=\"\(x)\" y=\"\(baseline)\" textLength=\"\(count * cellWidth)\" "
          + "lengthAdjust=\"spacingAndGlyphs\" fill=\"\(fill)\"\(weight)>"
          + escaped(text) + "</text>\n"
      }
      for glyph in wide {
        out +=
          "<text x=\"\(glyph.column * cellWidth)\" y=\"\(baseline)\" "
          + "textLength=\"\(2 * cellWidth)\" lengthAdjust=\"spacingAndGlyphs\" "
          + "fill=\"\(fill)\"\(weight)>" + escaped(glyph.glyph) + "</text>\n"
      }
      column = end
    }
    return out
  }

  /// The foreground, and the background when it is not the terminal's own.
  static func colours(_ style: Style, theme: Theme) -> (RGB, RGB?) {
    let colors = theme.colors(for: style.role)
    let foreground =
      ThemeContrast.rgb(colors.foreground).map { RGB($0.0, $0.1, $0.2) } ?? defaultForeground
    let background = ThemeContrast.rgb(colors.background).map { RGB($0.0, $0.1, $0.2) }
    guard style.reverse else { return (foreground, background) }
    return (background ?? defaultBackground, foreground)
  }

  /// Text as XML character data. A code point XML 1.0 does not allow
  /// (a control, U+FFFE, U+FFFF) becomes U+FFFD: one in a cast or a
  /// caption would make the whole picture invalid XML.
  public static func escaped(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out.append(contentsOf: "&amp;".unicodeScalars)
      case "<": out.append(contentsOf: "&lt;".unicodeScalars)
      case ">": out.append(contentsOf: "&gt;".unicodeScalars)
      default: out.append(xmlAllows(scalar) ? scalar : "\u{FFFD}")
      }
    }
    return String(out)
  }

  /// XML 1.0's `Char`: tab, line feed, carriage return, and U+0020 up,
  /// but for U+FFFE and U+FFFF (surrogates are no scalars).
  static func xmlAllows(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x9, 0xA, 0xD: return true
    case 0x20...0xFFFD, 0x10000...0x10FFFF: return true
    default: return false
    }
  }
}
