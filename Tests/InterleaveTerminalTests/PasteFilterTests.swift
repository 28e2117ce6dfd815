import Testing

@testable import InterleaveTerminal

@Suite("Bracketed paste")
struct PasteFilterTests {
  static func units(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }
  static func text(_ units: [UInt32]) -> String {
    String(String.UnicodeScalarView(units.compactMap(Unicode.Scalar.init)))
  }

  /// Feeds `text` at time `now`, then flushes as if no more input waited.
  static func pass(_ filter: inout PasteFilter, _ text: String, now: UInt64 = 0) -> String {
    var out: [UInt32] = []
    for unit in units(text) { out += filter.feed(unit, now: now) }
    return Self.text(out + filter.flush(now: now))
  }

  @Test("what is between the markers is dropped, keys around them pass in order")
  func dropsPaste() {
    var filter = PasteFilter()
    #expect(Self.pass(&filter, "a\u{1B}[200~q1s\u{1B}[Ax\u{1B}[201~b") == "ab")
    #expect(!filter.pasting)
    #expect(filter.dropped == 19)
  }

  @Test("arrows, Escape on its own and sequences that only begin like a marker pass unchanged")
  func keysPass() {
    var filter = PasteFilter()
    for keys in [
      "\u{1B}[A", "\u{1B}", "\u{1B}[2~", "\u{1B}[20~", "\u{1B}\u{1B}[B", "[200~", "\u{1B}[200x",
    ] {
      #expect(Self.pass(&filter, keys) == keys)
    }
  }

  @Test("a paste read in pieces, its end marker split between them, still ends at its marker")
  func splitMarkers() {
    var filter = PasteFilter()
    #expect(Self.pass(&filter, "\u{1B}[20") == "\u{1B}[20")
    var pasting = PasteFilter()
    #expect(Self.pass(&pasting, "\u{1B}[200~abc\u{1B}[2") == "")
    #expect(pasting.pasting)
    #expect(Self.pass(&pasting, "01~k") == "k")
  }

  @Test("a paste whose end never comes ends after a quiet second: keys work again")
  func lostEnd() {
    var filter = PasteFilter()
    #expect(Self.pass(&filter, "\u{1B}[200~abc", now: 0) == "")
    #expect(filter.flush(now: 500_000_000).isEmpty && filter.pasting)
    #expect(filter.flush(now: 1_000_000_000).isEmpty)
    #expect(!filter.pasting)
    #expect(Self.pass(&filter, "q", now: 1_000_000_001) == "q")
  }
}
