import InterleaveDashboard
import InterleaveText

/// Just enough of an xterm to replay what ncurses wrote into a recording:
/// printable text (wide glyphs two cells), cursor moves, erases, inserts and
/// deletes, scrolling regions, and SGR colours (16, 256 and RGB). Anything
/// else (modes, titles, mouse) is read and ignored.
public struct TerminalEmulator: Sendable {
  public private(set) var width: Int
  public private(set) var height: Int
  private var cells: [[PaintedCell]]
  private var x = 0
  private var y = 0
  private var saved = (x: 0, y: 0)
  private var top = 0
  private var bottom: Int
  /// The pen: colours as palette indexes or RGB, and attributes.
  private var foreground: Colour = .default
  private var background: Colour = .default
  private var bold = false
  private var reverse = false
  /// The line-drawing character set is selected (`ESC ( 0`).
  private var lineDrawing = false
  /// Bytes of an escape sequence or a UTF-8 character not yet complete.
  private var pending: [UInt8] = []
  private var lastPrinted: String?
  /// The last column was just written: the next glyph goes to the next line.
  private var wrapPending = false

  enum Colour: Equatable, Sendable {
    case `default`
    case indexed(Int)
    case rgb(RGB)
  }

  /// The longest escape sequence kept waiting for its end: a longer one is
  /// garbage, dropped, so that a sequence never closed costs linear time.
  static let pendingLimit = 4096

  public init(width: Int, height: Int) {
    self.width = max(1, min(width, CastFile.screenLimit))
    self.height = max(1, min(height, CastFile.screenLimit))
    bottom = self.height - 1
    cells = []
    cells = Array(repeating: blankRow(), count: self.height)
  }

  private func blankRow() -> [PaintedCell] {
    Array(repeating: blank(), count: width)
  }

  private func blank() -> PaintedCell {
    let (_, background) = pen()
    return PaintedCell(" ", foreground: SVGFrame.defaultForeground, background: background)
  }

  /// The screen now.
  public var grid: PaintedGrid { PaintedGrid(width: width, height: height, rows: cells) }

  /// The screen changes size (a recording's `r` event); the text is kept
  /// where it fits.
  public mutating func resize(width newWidth: Int, height newHeight: Int) {
    let old = cells
    width = max(1, min(newWidth, CastFile.screenLimit))
    height = max(1, min(newHeight, CastFile.screenLimit))
    cells = (0..<height).map { row in
      (0..<width).map { column in
        row < old.count && column < old[row].count ? old[row][column] : blank()
      }
    }
    top = 0
    bottom = height - 1
    x = min(x, width - 1)
    y = min(y, height - 1)
    saved = (min(saved.x, width - 1), min(saved.y, height - 1))
  }

  /// Feeds output bytes (any split).
  public mutating func feed(_ bytes: [UInt8]) {
    var input = pending + bytes
    pending = []
    var index = 0
    while index < input.count {
      let byte = input[index]
      if byte == 0x1B {
        guard let used = escape(input, from: index) else {
          guard input.count - index <= Self.pendingLimit else {
            // Never closed: the ESC is dropped and what follows is read as text.
            index += 1
            continue
          }
          pending = Array(input[index...])
          return
        }
        index += used
        continue
      }
      if byte < 0x20 || byte == 0x7F {
        control(byte)
        index += 1
        continue
      }
      // A UTF-8 character.
      let length = byte < 0xC0 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
      guard index + length <= input.count else {
        pending = Array(input[index...])
        return
      }
      let text = String(decoding: input[index..<(index + length)], as: UTF8.self)
      index += length
      for scalar in text.unicodeScalars { print(scalar) }
    }
    input.removeAll()
  }

  private mutating func control(_ byte: UInt8) {
    wrapPending = false
    switch byte {
    case 0x0D: x = 0
    case 0x0A, 0x0B, 0x0C: lineFeed()
    case 0x08: x = max(0, x - 1)
    case 0x09: x = min(width - 1, (x / 8 + 1) * 8)
    default: break
    }
  }

  private mutating func lineFeed() {
    if y == bottom {
      scrollUp(1)
    } else if y < height - 1 {
      y += 1
    }
  }

  private mutating func scrollUp(_ count: Int) {
    for _ in 0..<min(count, bottom - top + 1) {
      cells.remove(at: top)
      cells.insert(blankRow(), at: bottom)
    }
  }

  private mutating func scrollDown(_ count: Int) {
    for _ in 0..<min(count, bottom - top + 1) {
      cells.remove(at: bottom)
      cells.insert(blankRow(), at: top)
    }
  }

  /// The pen's colours as painted (reverse applied; nil: the terminal's own background).
  private func pen() -> (RGB, RGB?) {
    func rgb(_ colour: Colour, bright: Bool) -> RGB? {
      switch colour {
      case .default: return nil
      case .indexed(let index):
        let chosen = bright && index < 8 ? index + 8 : index
        let (r, g, b) = ThemeColor.rgbOf(index: chosen)
        return RGB(r, g, b)
      case .rgb(let value): return value
      }
    }
    let fg = rgb(foreground, bright: false) ?? SVGFrame.defaultForeground
    let bg = rgb(background, bright: false)
    return reverse ? (bg ?? SVGFrame.defaultBackground, fg) : (fg, bg)
  }

  private static let lineDrawingMap: [Character: String] = [
    "q": "─", "x": "│", "l": "┌", "k": "┐", "m": "└", "j": "┘", "t": "├", "u": "┤", "v": "┴",
    "w": "┬", "n": "┼", "a": "▒", "~": "·", "`": "◆", "0": "█",
  ]

  private mutating func print(_ scalar: Unicode.Scalar) {
    // C1 controls and bidirectional overrides never reach a picture.
    var text = String(TextWidth.inert(scalar))
    if lineDrawing, let mapped = Self.lineDrawingMap[Character(scalar)] { text = mapped }
    let cellsWide = TextWidth.of(text)
    if cellsWide == 0 {
      // A combining mark joins the glyph before it.
      if x > 0 { cells[y][x - 1].text += text }
      return
    }
    if wrapPending || x + cellsWide > width {
      x = 0
      lineFeed()
    }
    wrapPending = false
    let (fg, bg) = pen()
    cells[y][x] = PaintedCell(text, foreground: fg, background: bg, bold: bold)
    if cellsWide == 2, x + 1 < width {
      cells[y][x + 1] = PaintedCell("", foreground: fg, background: bg, bold: bold)
    }
    // As xterm: after the last column the cursor stays, and wraps only if
    // another glyph comes.
    if x + cellsWide >= width {
      wrapPending = true
    } else {
      x += cellsWide
    }
    lastPrinted = text
  }

  /// Reads one escape sequence at `start`; returns its length, or nil when
  /// it is not complete yet.
  private mutating func escape(_ input: [UInt8], from start: Int) -> Int? {
    guard start + 1 < input.count else { return nil }
    let kind = input[start + 1]
    if kind != UInt8(ascii: "[") { wrapPending = false }
    switch kind {
    case UInt8(ascii: "["):
      var index = start + 2
      var parameters = ""
      while index < input.count {
        let byte = input[index]
        if byte >= 0x40 && byte <= 0x7E {
          csi(parameters, final: byte)
          return index - start + 1
        }
        parameters.append(Character(Unicode.Scalar(byte)))
        index += 1
        // Too long to be real: dropped, read no further.
        if index - start > Self.pendingLimit { return index - start }
      }
      return nil
    case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "_"), UInt8(ascii: "^"):
      // A string to BEL or ST: read and ignored.
      var index = start + 2
      while index < input.count {
        if input[index] == 0x07 { return index - start + 1 }
        if input[index] == 0x1B, index + 1 < input.count, input[index + 1] == UInt8(ascii: "\\") {
          return index - start + 2
        }
        if input[index] == 0x1B, index + 1 >= input.count { return nil }
        index += 1
        if index - start > Self.pendingLimit { return index - start }
      }
      return nil
    case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"):
      guard start + 2 < input.count else { return nil }
      if kind == UInt8(ascii: "(") { lineDrawing = input[start + 2] == UInt8(ascii: "0") }
      return 3
    case UInt8(ascii: "7"):
      saved = (x, y)
      return 2
    case UInt8(ascii: "8"):
      (x, y) = (min(saved.x, width - 1), min(saved.y, height - 1))
      return 2
    case UInt8(ascii: "M"):
      if y == top { scrollDown(1) } else { y = max(0, y - 1) }
      return 2
    case UInt8(ascii: "D"):
      lineFeed()
      return 2
    case UInt8(ascii: "E"):
      x = 0
      lineFeed()
      return 2
    case UInt8(ascii: "c"):
      self = TerminalEmulator(width: width, height: height)
      return 2
    default:
      return 2
    }
  }

  private mutating func csi(_ text: String, final: UInt8) {
    if final != UInt8(ascii: "m") { wrapPending = false }
    // Private modes (`?25l`, `?1049h`, ...) change nothing drawn here.
    if text.hasPrefix("?") || text.hasPrefix(">") || text.hasPrefix("=") { return }
    // Every parameter within the screen's reach: a count of 2^63 - 1 would
    // overflow `x + count`, and a repeat of 10^8 take seconds.
    let numbers = text.split(separator: ";", omittingEmptySubsequences: false).map {
      min(Int($0) ?? 0, CastFile.screenLimit * CastFile.screenLimit)
    }
    func number(_ index: Int, _ otherwise: Int) -> Int {
      index < numbers.count && numbers[index] > 0 ? numbers[index] : otherwise
    }
    let count = number(0, 1)
    switch Character(Unicode.Scalar(final)) {
    case "H", "f":
      y = min(height - 1, number(0, 1) - 1)
      x = min(width - 1, number(1, 1) - 1)
    case "A": y = max(0, y - count)
    case "B", "e": y = min(height - 1, y + count)
    case "C", "a": x = min(width - 1, x + count)
    case "D": x = max(0, x - count)
    case "G", "`": x = min(width - 1, number(0, 1) - 1)
    case "d": y = min(height - 1, number(0, 1) - 1)
    case "E":
      x = 0
      y = min(height - 1, y + count)
    case "F":
      x = 0
      y = max(0, y - count)
    case "K":
      let range: Range<Int>
      switch numbers.first ?? 0 {
      case 1: range = 0..<min(width, x + 1)
      case 2: range = 0..<width
      default: range = x..<width
      }
      for column in range { cells[y][column] = blank() }
    case "J":
      switch numbers.first ?? 0 {
      case 1:
        for row in 0..<y { cells[row] = blankRow() }
        for column in 0..<min(width, x + 1) { cells[y][column] = blank() }
      case 2, 3: cells = Array(repeating: blankRow(), count: height)
      default:
        for column in x..<width { cells[y][column] = blank() }
        for row in (y + 1)..<height { cells[row] = blankRow() }
      }
    case "X":
      for column in x..<min(width, x + count) { cells[y][column] = blank() }
    case "b":
      if let text = lastPrinted {
        for _ in 0..<min(count, width * height) {
          for scalar in text.unicodeScalars { print(scalar) }
        }
      }
    case "@":
      for _ in 0..<min(count, width - x) {
        cells[y].insert(blank(), at: x)
        cells[y].removeLast()
      }
    case "P":
      for _ in 0..<min(count, width - x) {
        cells[y].remove(at: x)
        cells[y].append(blank())
      }
    case "L":
      guard y >= top, y <= bottom else { return }
      for _ in 0..<min(count, bottom - y + 1) {
        cells.remove(at: bottom)
        cells.insert(blankRow(), at: y)
      }
    case "M":
      guard y >= top, y <= bottom else { return }
      for _ in 0..<min(count, bottom - y + 1) {
        cells.remove(at: y)
        cells.insert(blankRow(), at: bottom)
      }
    case "S": scrollUp(count)
    case "T": scrollDown(count)
    case "r":
      top = max(0, number(0, 1) - 1)
      bottom = min(height - 1, number(1, height) - 1)
      if bottom <= top { (top, bottom) = (0, height - 1) }
      (x, y) = (0, 0)
    case "s": saved = (x, y)
    case "u": (x, y) = (min(saved.x, width - 1), min(saved.y, height - 1))
    case "m": sgr(numbers.isEmpty ? [0] : numbers)
    default: break
    }
  }

  private mutating func sgr(_ codes: [Int]) {
    var index = 0
    while index < codes.count {
      let code = codes[index]
      switch code {
      case 0:
        (foreground, background, bold, reverse) = (.default, .default, false, false)
      case 1: bold = true
      case 22: bold = false
      case 7: reverse = true
      case 27: reverse = false
      case 30...37: foreground = .indexed(code - 30)
      case 90...97: foreground = .indexed(code - 90 + 8)
      case 39: foreground = .default
      case 40...47: background = .indexed(code - 40)
      case 100...107: background = .indexed(code - 100 + 8)
      case 49: background = .default
      case 38, 48:
        var colour: Colour?
        if index + 2 < codes.count, codes[index + 1] == 5 {
          colour = .indexed(max(0, min(255, codes[index + 2])))
          index += 2
        } else if index + 4 < codes.count, codes[index + 1] == 2 {
          colour = .rgb(RGB(codes[index + 2], codes[index + 3], codes[index + 4]))
          index += 4
        }
        if let colour {
          if code == 38 { foreground = colour } else { background = colour }
        }
      default: break
      }
      index += 1
    }
  }
}
