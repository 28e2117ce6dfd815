import InterleaveText

/// One terminal cell: a character (empty for the right half of a wide glyph)
/// and its style.
public struct Cell: Equatable, Sendable {
  public var text: String
  public var style: Style

  public init(_ text: String = " ", _ style: Style = .text) {
    self.text = text
    self.style = style
  }

  /// The hidden right half of a two-cell glyph.
  public var isContinuation: Bool { text.isEmpty }
}

/// A grid of cells that widgets draw into; the terminal copies it to the
/// screen. Nothing here touches a terminal.
///
/// Stored as one scalar and a style a cell (no reference counting, so a
/// frame is drawn, compared and copied as plain memory); the rare combining
/// marks sit aside, by cell.
public struct Canvas: Equatable, Sendable {
  public let width: Int
  public let height: Int
  /// Each cell's first scalar and style, row by row.
  private var glyphs: [Glyph]
  /// Scalars that join a cell's first one (combining marks), by cell index.
  private var marks: [Int: String] = [:]

  /// A stored cell: U+0000 for the hidden right half of a wide glyph (text
  /// never holds it: `put` shows every control as a placeholder).
  private struct Glyph: Equatable, Sendable {
    var scalar: Unicode.Scalar
    var style: Style
    var isContinuation: Bool { scalar == "\u{0}" }
  }

  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    glyphs = Array(repeating: Glyph(scalar: " ", style: .text), count: self.width * self.height)
  }

  public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

  public subscript(x: Int, y: Int) -> Cell {
    let index = y * width + x
    let glyph = glyphs[index]
    return Cell(glyph.isContinuation ? "" : text(at: index), glyph.style)
  }

  /// Every cell, row by row.
  public var cells: [Cell] { (0..<height).flatMap { y in (0..<width).map { self[$0, y] } } }

  /// The glyph's text at a cell index (its first scalar and any marks).
  private func text(at index: Int) -> String {
    var text = String(glyphs[index].scalar)
    if !marks.isEmpty, let joined = marks[index] { text += joined }
    return text
  }

  /// Writes `text` from (x, y), clipped to `clip` (default: the canvas).
  /// Control characters show as U+FFFD; a wide glyph that does not fit whole
  /// is left out.
  /// - Returns: the columns used.
  @discardableResult
  public mutating func put(
    _ text: String, x: Int, y: Int, style: Style = .text, clip: Rect? = nil
  ) -> Int {
    let area = clip ?? bounds
    guard y >= max(0, area.y), y < min(height, area.maxY) else { return 0 }
    let limit = min(width, area.maxX)
    let left = max(0, area.x)
    var column = x
    for scalar in text.unicodeScalars {
      let safe = TextWidth.inert(scalar)
      let cells = TextWidth.of(safe)
      if cells == 0 {
        // A combining mark joins the glyph before it.
        if column > x, column - 1 >= left {
          var previous = y * width + column - 1
          if glyphs[previous].isContinuation { previous -= 1 }
          marks[previous, default: ""].unicodeScalars.append(safe)
        }
        continue
      }
      if column + cells > limit { break }
      if column >= left {
        set(x: column, y: y, Glyph(scalar: safe, style: style))
        if cells == 2 { set(x: column + 1, y: y, Glyph(scalar: "\u{0}", style: style)) }
      }
      column += cells
    }
    return column - x
  }

  /// Fills a rectangle with blanks of one style.
  public mutating func fill(_ rect: Rect, style: Style = .text) {
    for row in max(0, rect.y)..<min(height, rect.maxY) {
      for column in max(0, rect.x)..<min(width, rect.maxX) {
        set(x: column, y: row, Glyph(scalar: " ", style: style))
      }
    }
  }

  private mutating func set(x: Int, y: Int, _ glyph: Glyph) {
    let index = y * width + x
    // Overwriting half of a wide glyph blanks its other half.
    if glyphs[index].isContinuation, x > 0 { blank(index - 1) }
    if !glyphs[index].isContinuation, x + 1 < width, glyphs[index + 1].isContinuation,
      !glyph.isContinuation
    {
      blank(index + 1)
    }
    glyphs[index] = glyph
    if !marks.isEmpty { marks[index] = nil }
  }

  private mutating func blank(_ index: Int) {
    glyphs[index].scalar = " "
    if !marks.isEmpty { marks[index] = nil }
  }

  /// The text of one row (a wide glyph once).
  public func line(_ y: Int) -> String {
    var line = String.UnicodeScalarView()
    for index in y * width..<(y + 1) * width where !glyphs[index].isContinuation {
      line.append(glyphs[index].scalar)
      if !marks.isEmpty, let joined = marks[index] {
        line.append(contentsOf: joined.unicodeScalars)
      }
    }
    return String(line)
  }

  /// Every row's text, trailing spaces kept.
  public var lines: [String] { (0..<height).map(line) }

  // MARK: - For terminals

  /// Whether row `y` shows the same as in `other`, a canvas of the same size.
  public func row(_ y: Int, equals other: Canvas) -> Bool {
    let row = y * width..<(y + 1) * width
    guard glyphs[row] == other.glyphs[row] else { return false }
    guard !marks.isEmpty || !other.marks.isEmpty else { return true }
    return row.allSatisfy { marks[$0] == other.marks[$0] }
  }

  /// Row `y` as runs of one style: `body` gets each run's first column, its
  /// style and its scalars (a wide glyph once, marks after their glyph). The
  /// scalars' buffer is reused from one run to the next.
  public func forEachRun(
    inRow y: Int, _ body: (_ x: Int, _ style: Style, _ scalars: [UInt32]) -> Void
  ) {
    var scalars: [UInt32] = []
    scalars.reserveCapacity(width)
    var x = 0
    while x < width {
      let style = glyphs[y * width + x].style
      let start = x
      scalars.removeAll(keepingCapacity: true)
      while x < width, glyphs[y * width + x].style == style {
        let index = y * width + x
        if !glyphs[index].isContinuation {
          scalars.append(glyphs[index].scalar.value)
          if !marks.isEmpty, let joined = marks[index] {
            scalars.append(contentsOf: joined.unicodeScalars.map(\.value))
          }
        }
        x += 1
      }
      body(start, style, scalars)
    }
  }

  /// Draws a box border with an optional title.
  public mutating func box(_ rect: Rect, title: String = "", style: Style = Style(.border)) {
    guard rect.width >= 2, rect.height >= 2 else { return }
    let horizontal = String(repeating: "─", count: rect.width - 2)
    put("┌" + horizontal + "┐", x: rect.x, y: rect.y, style: style)
    for row in rect.y + 1..<rect.maxY - 1 {
      put("│", x: rect.x, y: row, style: style)
      put("│", x: rect.maxX - 1, y: row, style: style)
    }
    put("└" + horizontal + "┘", x: rect.x, y: rect.maxY - 1, style: style)
    if !title.isEmpty, rect.width > 4 {
      put(
        " " + TextWidth.prefix(title, fitting: rect.width - 4) + " ", x: rect.x + 1, y: rect.y,
        style: Style(.title, bold: true))
    }
  }
}
