import InterleaveDashboard

/// Where the dashboard draws and reads keys: the terminal through ncurses,
/// or memory (for tests, with no terminal at all).
public protocol Screen: AnyObject {
  /// Width and height in cells now.
  var size: (width: Int, height: Int) { get }
  /// Shows a frame (sending only what changed since the last one).
  func draw(_ canvas: Canvas)
  /// Waits up to `milliseconds` for a key.
  func readKey(timeout milliseconds: Int32) -> Key?
  /// Takes a theme's colours from the next frame on.
  func use(_ theme: Theme)
  /// Forgets what is on screen, so the next frame redraws everything.
  func invalidate()
  /// The screen is now `width` x `height` (a pseudo-terminal the program sized).
  func resize(width: Int, height: Int)
  /// The signal that asked to quit (SIGINT, SIGTERM, SIGHUP), if any.
  var quitSignal: Int32? { get }
  /// Gives the screen back (idempotent).
  func stop()
}
