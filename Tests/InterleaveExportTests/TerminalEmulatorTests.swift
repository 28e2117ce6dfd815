import InterleaveDashboard
import Testing

@testable import InterleaveExport

/// The terminal that replays a recording for `render`: what ncurses writes
/// lands where xterm would put it.
@Suite("Terminal emulator")
struct TerminalEmulatorTests {
  static func text(_ terminal: TerminalEmulator) -> [String] {
    terminal.grid.rows.map { $0.map(\.text).joined() }
  }

  @Test("cursor moves, erases, the last column's pending wrap, wide glyphs")
  func drawing() {
    var terminal = TerminalEmulator(width: 6, height: 3)
    terminal.feed(Array("abcdef\u{1B}[2;3Hxy\u{1B}[1;1H\u{1B}[2Pz".utf8))
    #expect(Self.text(terminal) == ["zdef  ", "  xy  ", "      "])
    // Writing the last column does not wrap until another glyph comes.
    terminal.feed(Array("\u{1B}[3;6HQ\u{1B}[3;1H锁\u{1B}[K".utf8))
    #expect(Self.text(terminal)[2] == "锁    ")
    terminal.feed(Array("\u{1B}[2;1H\u{1B}[2K\u{1B}[2J".utf8))
    #expect(Self.text(terminal) == ["      ", "      ", "      "])
  }

  @Test("SGR colours: 16, 256 and RGB, reverse, and a reset")
  func colours() {
    var terminal = TerminalEmulator(width: 4, height: 1)
    terminal.feed(Array("\u{1B}[1;31ma\u{1B}[38;5;208mb\u{1B}[38;2;1;2;3;7mc\u{1B}[0md".utf8))
    let cells = terminal.grid.rows[0]
    #expect(cells[0].foreground == RGB(205, 0, 0) && cells[0].bold)
    #expect(cells[1].foreground == RGB(255, 135, 0))
    // Reverse: the default background as the glyph, the colour behind it.
    #expect(cells[2].background == RGB(1, 2, 3))
    #expect(cells[3].foreground == SVGFrame.defaultForeground && cells[3].background == nil)
  }

  @Test("a sequence split across two writes is read whole")
  func split() {
    var terminal = TerminalEmulator(width: 4, height: 2)
    terminal.feed(Array("\u{1B}[2".utf8))
    terminal.feed(Array(";2H".utf8) + [0xE9])
    terminal.feed([0x94, 0x81])
    #expect(Self.text(terminal)[1] == " 锁 ")
  }

  @Test(
    "a parameter of 2^63 - 1 moves the cursor to the edge, never overflows",
    arguments: ["C", "B", "E", "X", "@", "P", "L", "M", "S", "T", "b", "H", "d", "G"])
  func hugeParameters(final: String) {
    var terminal = TerminalEmulator(width: 8, height: 3)
    terminal.feed(Array("ab\u{1B}[9223372036854775807\(final)z".utf8))
    terminal.feed(Array("\u{1B}[9223372036854775807;9223372036854775807\(final)y".utf8))
    #expect(terminal.grid.rows.count == 3)
    #expect(Self.text(terminal).joined().contains("y"))
  }

  @Test("a cursor saved before the screen shrank is restored inside it")
  func savedAfterResize() {
    for (save, restore) in [("\u{1B}7", "\u{1B}8"), ("\u{1B}[s", "\u{1B}[u")] {
      var terminal = TerminalEmulator(width: 40, height: 20)
      terminal.feed(Array("\u{1B}[18;35H\(save)".utf8))
      terminal.resize(width: 10, height: 5)
      terminal.feed(Array("\(restore)Q".utf8))
      #expect(Self.text(terminal)[4].hasSuffix("Q"), "\(Self.text(terminal))")
    }
  }

  @Test("a repeat of 10^8 fills the screen and stops there")
  func hugeRepeat() {
    var terminal = TerminalEmulator(width: 5, height: 2)
    terminal.feed(Array("x\u{1B}[100000000b".utf8))
    // One screenful of repeats (10), the eleventh x scrolled onto a new line.
    #expect(Self.text(terminal) == ["xxxxx", "x    "])
  }

  @Test("an escape sequence never closed is dropped after 4 KiB, and what follows is drawn")
  func neverClosed() {
    var terminal = TerminalEmulator(width: 20, height: 2)
    terminal.feed(Array("\u{1B}]0;title".utf8))
    // Fed as a recording feeds it, one event at a time.
    for _ in 0..<2_000 { terminal.feed(Array("......".utf8)) }
    terminal.feed(Array("\r\nvisible".utf8))
    #expect(Self.text(terminal).joined().contains("visible"))
  }

  @Test("casts are JSON: the header's own width counts, trailing text is refused, sizes are capped")
  func castParsing() throws {
    let header = #"{"version": 2, "env": {"width": 5}, "width": 30, "height": 4}"#
    let good = try CastFile.parse(header + "\n" + #"[0.5, "o", "hi\u001b[1m"]"# + "\n")
    #expect(good.width == 30 && good.height == 4 && good.events.count == 1)
    for (text, problem) in [
      (header + "\n" + #"[0.5, "o", "hi"] junk"#, "line 2: not an asciicast event"),
      (#"{"version": 2, "width": 100000, "height": 4}"#, "line 1: a 100000x4 screen"),
      (header + "\n\n" + #"[1, "r", "2000x10"]"#, "line 3: a 2000x10 screen"),
      (#"{"version": 2, "height": 4, "x": "\"width\": 9"}"#, "line 1: not an asciicast v2 header"),
    ] {
      #expect(throws: (any Error).self, "\(problem)") { try CastFile.parse(text) }
      do {
        _ = try CastFile.parse(text)
      } catch {
        #expect("\(error)".hasPrefix(problem), "\(error)")
      }
    }
  }

  @Test("a code point XML forbids becomes U+FFFD in a picture")
  func xmlForbidden() {
    #expect(SVGFrame.escaped("a\u{FFFE}b\u{FFFF}<\u{01}") == "a\u{FFFD}b\u{FFFD}&lt;\u{FFFD}")
  }
}
