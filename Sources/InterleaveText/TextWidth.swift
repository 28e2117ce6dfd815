import CSystem
import Glibc
import InterleavePlatform

/// Display width of text in terminal cells, as ncurses itself counts it
/// (libc `wcwidth` in a UTF-8 locale).
public enum TextWidth {
  /// Sets the locale from the environment, falling back to `C.UTF-8`, so that
  /// `wcwidth` knows CJK is two cells wide. Call before ncurses starts.
  public static func prepareLocale() { _ = localeReady }

  private static let localeReady: Bool = {
    setlocale(LC_ALL, "")
    if il_wcwidth(0x4E2D) != 2 { setlocale(LC_CTYPE, "C.UTF-8") }
    return true
  }()

  /// What a scalar shows as (see `Sanitizer`): nothing in any text reaches
  /// the terminal as a command.
  @inline(__always)
  public static func inert(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    Sanitizer.visible(scalar)
  }

  /// Cells one scalar takes: 0 (combining), 1 or 2.
  public static func of(_ scalar: Unicode.Scalar) -> Int {
    // Printable ASCII is one cell in every locale: no need to ask libc.
    if scalar.value >= 0x20 && scalar.value < 0x7F { return 1 }
    prepareLocale()
    let width = Int(il_wcwidth(wchar_t(bitPattern: scalar.value)))
    return width < 0 ? 1 : width
  }

  /// Cells a string takes once made inert.
  public static func of(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { $0 + of(inert($1)) }
  }

  /// `text` in at most `width` cells, cut with `…` when it is longer (so a
  /// cut line never looks whole).
  public static func cut(_ text: String, to width: Int) -> String {
    guard width > 1, of(text) > width else { return text }
    return prefix(text, fitting: width - 1) + "…"
  }

  /// The longest prefix of `text` that fits in `width` cells.
  public static func prefix(_ text: String, fitting width: Int) -> String {
    var used = 0
    var out = ""
    for scalar in text.unicodeScalars {
      let safe = inert(scalar)
      let cells = of(safe)
      if used + cells > width { break }
      used += cells
      out.unicodeScalars.append(safe)
    }
    return out
  }

  /// `text` in at most `width` cells, cut in the middle so that a trailing
  /// number (`LoopThread-12`) survives: `LoopTh…-12`.
  public static func abbreviated(_ text: String, to width: Int) -> String {
    guard of(text) > width else { return text }
    guard width > 1 else { return prefix(text, fitting: width) }
    var tail = ""
    if let dash = text.lastIndex(where: { !$0.isNumber }), text[dash] == "-",
      text.index(after: dash) < text.endIndex
    {
      tail = String(text[dash...])
    }
    if of(tail) + 2 > width { tail = "" }
    let head = prefix(text, fitting: width - 1 - of(tail))
    return head + "…" + tail
  }

  /// `text` cut or padded with spaces to exactly `width` cells.
  public static func padded(_ text: String, to width: Int) -> String {
    let cut = prefix(text, fitting: width)
    return cut + String(repeating: " ", count: max(0, width - of(cut)))
  }
}
