/// A key press, as the app sees it.
public enum Key: Equatable, Sendable {
  case character(Character)
  case escape
  case backTab
  case pageUp
  case pageDown
  case up
  case down
  /// The terminal changed size.
  case resize
  /// Any other function key, by its ncurses code.
  case other(Int32)
}
