import Glibc

/// Buffered lines to a file descriptor that notices a closed reader (EPIPE)
/// instead of dying of SIGPIPE.
public final class OutputSink {
  private let descriptor: Int32
  private var buffer: [UInt8] = []
  /// Set once a write fails; later writes are dropped.
  public private(set) var isClosed = false

  public init(descriptor: Int32 = STDOUT_FILENO) {
    self.descriptor = descriptor
    signal(SIGPIPE, SIG_IGN)
  }

  public func line(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    buffer.append(0x0A)
    if buffer.count >= 1 << 16 { flush() }
  }

  public func flush() {
    guard !isClosed else {
      buffer.removeAll()
      return
    }
    var offset = 0
    while offset < buffer.count {
      let written = buffer[offset...].withUnsafeBytes {
        write(descriptor, $0.baseAddress, $0.count)
      }
      if written < 0 {
        if errno == EINTR { continue }
        isClosed = true
        break
      }
      offset += written
    }
    buffer.removeAll(keepingCapacity: true)
  }
}
