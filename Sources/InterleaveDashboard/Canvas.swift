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
public struct Canvas: Equatable, Sendable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]

  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = Array(repeating: Cell(), count: self.width * self.height)
  }

  public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

  public subscript(x: Int, y: Int) -> Cell {
    cells[y * width + x]
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
    var column = x
    for scalar in text.unicodeScalars {
      let safe = TextWidth.inert(scalar)
      let cells = TextWidth.of(safe)
      if cells == 0 {
        // A combining mark joins the glyph before it.
        if column > x, column - 1 >= max(0, area.x) {
          var previous = column - 1
          if self.cells[y * width + previous].isContinuation { previous -= 1 }
          self.cells[y * width + previous].text.unicodeScalars.append(safe)
        }
        continue
      }
      if column + cells > limit { break }
      if column >= max(0, area.x) {
        set(x: column, y: y, Cell(String(safe), style))
        if cells == 2 { set(x: column + 1, y: y, Cell("", style)) }
      }
      column += cells
    }
    return column - x
  }

  /// Fills a rectangle with one character and style.
  public mutating func fill(_ rect: Rect, _ text: String = " ", style: Style = .text) {
    for row in max(0, rect.y)..<min(height, rect.maxY) {
      for column in max(0, rect.x)..<min(width, rect.maxX) {
        set(x: column, y: row, Cell(text, style))
      }
    }
  }

  private mutating func set(x: Int, y: Int, _ cell: Cell) {
    let index = y * width + x
    // Overwriting half of a wide glyph blanks its other half.
    if cells[index].isContinuation, x > 0 { cells[index - 1].text = " " }
    if !cells[index].isContinuation, x + 1 < width, cells[index + 1].isContinuation,
      !cell.isContinuation
    {
      cells[index + 1].text = " "
    }
    cells[index] = cell
  }

  /// The text of one row (a wide glyph once).
  public func line(_ y: Int) -> String {
    (0..<width).reduce(into: "") { $0 += self[$1, y].text }
  }

  /// Every row's text, trailing spaces kept.
  public var lines: [String] { (0..<height).map(line) }

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
