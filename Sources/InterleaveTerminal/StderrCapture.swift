import Glibc

/// Keeps what is written to stderr while the screen is up, and shows it after.
struct StderrCapture {
  private var saved: Int32 = -1
  private var file: Int32 = -1

  /// Sends stderr to an unlinked temporary file.
  mutating func begin() {
    var template = Array("/tmp/interleave-stderr-XXXXXX".utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else { return }
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    saved = dup(STDERR_FILENO)
    file = descriptor
    dup2(descriptor, STDERR_FILENO)
  }

  /// Puts stderr back and writes what was kept to it.
  mutating func end() {
    guard saved >= 0 else { return }
    dup2(saved, STDERR_FILENO)
    close(saved)
    saved = -1
    lseek(file, 0, SEEK_SET)
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(file, $0.baseAddress, $0.count) }
      if count <= 0 { break }
      _ = buffer.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, count) }
    }
    close(file)
    file = -1
  }
}
