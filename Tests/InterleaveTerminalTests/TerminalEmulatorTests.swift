import InterleaveDashboard
import Testing

@testable import InterleaveTerminal

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
}
