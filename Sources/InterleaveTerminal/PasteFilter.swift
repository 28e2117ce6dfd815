/// Drops text pasted into a terminal in bracketed-paste mode (`CSI ? 2004 h`):
/// the terminal wraps a paste in `ESC [ 200 ~` ... `ESC [ 201 ~`, and nothing
/// between the two is a key press. Everything else passes through in order.
///
/// Works on code units (bytes, or the characters ncurses reads); a unit that
/// might begin a marker is held until the next unit says, or `flush` is
/// called because no more input is waiting. A paste whose end never comes
/// (a terminal that lost it) ends after a quiet second, so keys work again.
public struct PasteFilter: Sendable {
  // Computed, not stored: a lazily made global, first touched by two
  // threads (the key relay and the frame loop), is initialised under
  // Swift's own once, which ThreadSanitizer does not see, and reported.
  /// Turns bracketed paste on (sent to the terminal).
  public static var enable: [UInt8] { Array("\u{1B}[?2004h".utf8) }
  /// Turns it off again.
  public static var disable: [UInt8] { Array("\u{1B}[?2004l".utf8) }
  private let start: [UInt32] = "\u{1B}[200~".unicodeScalars.map(\.value)
  private let end: [UInt32] = "\u{1B}[201~".unicodeScalars.map(\.value)

  /// Inside a paste: units are being dropped.
  public private(set) var pasting = false
  /// Units that match the beginning of the marker looked for.
  private var held: [UInt32] = []
  /// Units dropped so far (the markers included).
  public private(set) var dropped = 0
  /// When the last unit arrived (monotonic ns).
  private var lastUnit: UInt64 = 0
  /// How long a paste may go quiet before it counts as ended (ns).
  static let quietEnd: UInt64 = 1_000_000_000

  public init() {}

  /// Whether units are held that `flush` would release.
  public var holding: Bool { !held.isEmpty }

  /// Takes one unit; returns the units to pass on now, in order.
  public mutating func feed(_ unit: UInt32, now: UInt64) -> [UInt32] {
    lastUnit = now
    var output: [UInt32] = []
    var queue = [unit]
    while !queue.isEmpty {
      held.append(queue.removeFirst())
      let marker = pasting ? end : start
      if marker.starts(with: held) {
        if held.count == marker.count {
          dropped += held.count
          held.removeAll()
          pasting.toggle()
        }
        continue
      }
      // Not a marker: the first held unit is settled (kept outside a
      // paste, dropped inside one); the rest may begin a marker themselves.
      let first = held.removeFirst()
      if pasting { dropped += 1 } else { output.append(first) }
      queue = held + queue
      held.removeAll()
    }
    return output
  }

  /// No more input is waiting: a partial marker outside a paste was typed
  /// keys (an Escape on its own), and passes. Inside a paste the rest of it
  /// is still to come (a marker may be split), unless it has been quiet
  /// for a second: then it ends, what was held dropped.
  public mutating func flush(now: UInt64) -> [UInt32] {
    if pasting {
      if now &- lastUnit >= Self.quietEnd {
        dropped += held.count
        held.removeAll()
        pasting = false
      }
      return []
    }
    defer { held.removeAll() }
    return held
  }
}
