import Glibc
import InterleavePlatform

/// A one-line count of the states explored so far, on standard error when
/// it is a terminal, so that a long count is seen to be working.
final class ExploreProgress {
  private let shown = isatty(STDERR_FILENO) == 1
  private var drawn = false

  func show(states: Int) {
    guard shown else { return }
    drawn = true
    let text = "\r\u{1B}[Kcounting: \(states / 1000)k states so far…"
    _ = try? FileDescriptor.writeAll(STDERR_FILENO, Array(text.utf8))
  }

  func clear() {
    guard drawn else { return }
    drawn = false
    _ = try? FileDescriptor.writeAll(STDERR_FILENO, Array("\r\u{1B}[K".utf8))
  }
}
