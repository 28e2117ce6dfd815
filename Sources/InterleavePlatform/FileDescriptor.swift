import Glibc

/// Whole writes to a file descriptor.
public enum FileDescriptor {
  /// Writes every byte, retrying after `EINTR` and short writes.
  /// - Throws: `SystemError` with the failing call's `errno` (`EPIPE`, `ENOSPC`, ...).
  public static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer)
    throws(SystemError)
  {
    var offset = 0
    while offset < bytes.count {
      let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        throw SystemError.errno("cannot write")
      }
      offset += written
    }
  }

  /// Writes every byte of `bytes` (see the raw-buffer form).
  public static func writeAll(_ descriptor: Int32, _ bytes: ArraySlice<UInt8>) throws(SystemError) {
    let failure = bytes.withUnsafeBytes { buffer -> SystemError? in
      do throws(SystemError) {
        try writeAll(descriptor, buffer)
        return nil
      } catch {
        return error
      }
    }
    if let failure { throw failure }
  }

  /// Writes every byte of `bytes` (see the raw-buffer form).
  public static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) throws(SystemError) {
    try writeAll(descriptor, bytes[...])
  }
}
