/// The one filter for text that leaves the program (screen, recording
/// titles and markers, error messages, JSON): nothing a file or a user typed
/// can reach a terminal as a command.
///
/// C0 controls become their Control Pictures (ESC shows as `␛`), DEL as `␡`,
/// C1 controls and the bidirectional overrides and isolates (U+202A-202E,
/// U+2066-2069, which reorder what a reader sees) as U+FFFD.
public enum Sanitizer {
  /// How `scalar` may be shown; `keepLayout` lets newlines and tabs through.
  @inline(__always)
  public static func visible(_ scalar: Unicode.Scalar, keepLayout: Bool = false) -> Unicode.Scalar {
    let value = scalar.value
    if value >= 0x20 && value < 0x7F { return scalar }
    switch value {
    case 0x0A, 0x09: return keepLayout ? scalar : Unicode.Scalar(0x2400 + value)!
    case 0..<0x20: return Unicode.Scalar(0x2400 + value)!
    case 0x7F: return "\u{2421}"
    case 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069: return "\u{FFFD}"
    default: return scalar
    }
  }

  /// `text` for one line: every control shown as a placeholder.
  public static func line(_ text: String) -> String { filter(text, keepLayout: false) }

  /// `text` with its newlines and tabs kept, every other control shown.
  public static func text(_ text: String) -> String { filter(text, keepLayout: true) }

  private static func filter(_ text: String, keepLayout: Bool) -> String {
    // Most text is plain: hand it back untouched.
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars { out.append(visible(scalar, keepLayout: keepLayout)) }
    return String(out)
  }
}
