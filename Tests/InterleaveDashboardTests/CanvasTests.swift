import Testing

@testable import InterleaveDashboard

@Suite("Canvas")
struct CanvasTests {
  @Test("text is clipped to the canvas and to a clip rectangle")
  func clipping() {
    var canvas = Canvas(width: 10, height: 2)
    canvas.put("hello world", x: 2, y: 0)
    canvas.put("abcdef", x: 0, y: 1, clip: Rect(x: 1, y: 1, width: 3, height: 1))
    #expect(canvas.lines == ["  hello wo", " bcd      "])
  }

  @Test("a CJK glyph takes two cells and the line reads back once")
  func wideGlyphs() {
    var canvas = Canvas(width: 8, height: 1)
    let used = canvas.put("线程A", x: 0, y: 0)
    #expect(used == 5)
    #expect(canvas[0, 0].text == "线")
    #expect(canvas[1, 0].isContinuation)
    #expect(canvas.line(0) == "线程A   ")
  }

  @Test("a wide glyph that does not fit whole is left out")
  func wideGlyphAtEdge() {
    var canvas = Canvas(width: 3, height: 1)
    canvas.put("a线程", x: 0, y: 0)
    #expect(canvas.line(0) == "a线")
    canvas.put("ab线", x: 0, y: 0)
    #expect(canvas.line(0) == "ab ")
  }

  @Test("overwriting half of a wide glyph blanks the other half")
  func overwriteHalf() {
    var canvas = Canvas(width: 4, height: 1)
    canvas.put("线程", x: 0, y: 0)
    canvas.put("x", x: 1, y: 0)
    #expect(canvas.line(0) == " x程")
  }

  @Test("escape sequences and control characters are shown inert")
  func inertControls() {
    var canvas = Canvas(width: 20, height: 1)
    canvas.put("a\u{1B}[31mb\u{07}\u{9B}c", x: 0, y: 0)
    let line = canvas.line(0)
    #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    #expect(line.hasPrefix("a␛[31mb␇\u{FFFD}c"))
  }

  @Test("a combining mark joins its glyph, goes with it, and counts when rows are compared")
  func combiningMarks() {
    var canvas = Canvas(width: 4, height: 1)
    canvas.put("e\u{301}x", x: 0, y: 0)
    #expect(canvas[0, 0].text == "e\u{301}")
    #expect(canvas.line(0) == "e\u{301}x  ")
    var plain = Canvas(width: 4, height: 1)
    plain.put("ex", x: 0, y: 0)
    #expect(!canvas.row(0, equals: plain))
    #expect(canvas != plain)
    canvas.put("e", x: 0, y: 0)
    #expect(canvas.line(0) == "ex  ")
    #expect(canvas.row(0, equals: plain))
    var runs: [String] = []
    canvas.put("线", x: 2, y: 0, style: Style(.title))
    canvas.forEachRun(inRow: 0) { x, style, scalars in
      runs.append(
        "\(x) \(style.role) \(String(String.UnicodeScalarView(scalars.compactMap(Unicode.Scalar.init))))"
      )
    }
    #expect(runs == ["0 text ex", "2 title 线"])
  }
}
