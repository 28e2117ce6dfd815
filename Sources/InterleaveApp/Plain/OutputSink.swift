import Glibc
import InterleavePlatform

/// Buffered lines to a file descriptor that notices a closed reader (EPIPE)
/// instead of dying of SIGPIPE.
final class OutputSink {
  private let descriptor: Int32
  private var buffer: [UInt8] = []
  /// Set once a write fails; later writes are dropped.
  private(set) var isClosed = false

  init(descriptor: Int32 = STDOUT_FILENO) {
    self.descriptor = descriptor
    signal(SIGPIPE, SIG_IGN)
  }

  /// Adds `text` and a newline; a control in it (from a path, a file, a
  /// name) is shown as its placeholder, never sent to the terminal.
  func line(_ text: String) {
    buffer.append(contentsOf: Sanitizer.text(text).utf8)
    buffer.append(0x0A)
    if buffer.count >= 1 << 16 { flush() }
  }

  /// Adds `text` as it is (no newline added), its controls shown but its
  /// newlines and tabs kept.
  func text(_ text: String) {
    buffer.append(contentsOf: Sanitizer.text(text).utf8)
    if buffer.count >= 1 << 16 { flush() }
  }

  func flush() {
    defer { buffer.removeAll(keepingCapacity: true) }
    guard !isClosed, !buffer.isEmpty else { return }
    do {
      try FileDescriptor.writeAll(descriptor, buffer)
    } catch {
      isClosed = true
      if descriptor == STDOUT_FILENO { StandardOutput.failed(error.code) }
    }
  }

  /// Whether the reader of a pipe has gone away, even while nothing is being
  /// written (a full-speed run prints nothing until it ends).
  func readerGone() -> Bool {
    var poller = pollfd(fd: descriptor, events: 0, revents: 0)
    guard poll(&poller, 1, 0) > 0 else { return false }
    return poller.revents & Int16(POLLERR | POLLHUP) != 0
  }
}
