/// How many colours the terminal shows, as detected after ncurses starts.
public enum ColorDepth: Int, Sendable {
  case mono = 0
  case ansi8 = 8
  case ansi16 = 16
  case indexed256 = 256

  /// `mono` with `NO_COLOR` set (any value) or no colours; otherwise by the
  /// terminal's colour count.
  public static func detect(colors: Int, hasColors: Bool, noColor: Bool) -> ColorDepth {
    guard hasColors, !noColor else { return .mono }
    switch colors {
    case 256...: return .indexed256
    case 16...: return .ansi16
    case 8...: return .ansi8
    default: return .mono
    }
  }
}
