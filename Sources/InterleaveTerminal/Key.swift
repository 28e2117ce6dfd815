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
  /// A click or a turn of the wheel at a cell.
  case mouse(Mouse)
}

/// What the mouse did, and where (column, row from the top left).
public struct Mouse: Equatable, Sendable {
  public enum Kind: Equatable, Sendable { case click, wheelUp, wheelDown }
  public var kind: Kind
  public var x: Int
  public var y: Int

  public init(_ kind: Kind, x: Int, y: Int) {
    self.kind = kind
    self.x = x
    self.y = y
  }
}
