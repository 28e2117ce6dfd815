import Glibc
import InterleaveDashboard
import InterleavePlatform
import InterleaveText

/// Writes an asciicast v2 file: a JSON header line, then one JSON array per
/// event (`[seconds, "o" | "r" | "m", data]`), times never decreasing.
///
/// Every event is a whole line written with one `write(2)`, so a recording
/// cut short at any moment is still a valid file.
///
/// `@unchecked Sendable`: the file descriptor, clock origin and the pending
/// UTF-8 tail are touched only with `mutex` held (the pump thread writes
/// output, the UI thread writes markers and resizes).
public final class CastWriter: @unchecked Sendable {
  private let mutex = PThreadMutex()
  private let descriptor: Int32
  private let origin: UInt64
  private var lastTime = 0.0
  /// Bytes of a UTF-8 character cut by the end of the previous read.
  private var pending: [UInt8] = []
  private var closed = false

  /// Creates `path` (replacing it) and writes the header.
  public init(
    path: String, width: Int, height: Int, title: String, environment: [String: String]
  ) throws(SystemError) {
    descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw SystemError("cannot write (\(String(cString: strerror(errno))))")
    }
    origin = MonotonicClock.now()
    let header = JSONValue.object([
      ("version", 2), ("width", .int(width)), ("height", .int(height)),
      ("timestamp", .int(Int(time(nil)))), ("title", .string(title)),
      (
        "env",
        .object([
          ("TERM", .string(environment["TERM"] ?? "xterm-256color")),
          ("SHELL", .string(environment["SHELL"] ?? "/bin/sh")),
        ])
      ),
    ])
    writeLine(header.text)
  }

  deinit { close() }

  /// Terminal output bytes (any split; UTF-8 characters are never cut).
  public func output(_ bytes: ArraySlice<UInt8>) {
    mutex.withLock {
      var data = pending + bytes
      let cut = CastWriter.completeLength(data)
      pending = Array(data[cut...])
      data.removeSubrange(cut...)
      guard !data.isEmpty else { return }
      event("o", String(decoding: data, as: UTF8.self))
    }
  }

  /// A chapter marker players can jump to.
  public func marker(_ label: String) { mutex.withLock { event("m", label) } }

  /// The terminal is now `width` x `height`.
  public func resize(width: Int, height: Int) {
    mutex.withLock { event("r", "\(width)x\(height)") }
  }

  /// Flushes what is pending and closes the file (idempotent).
  public func close() {
    mutex.withLock {
      guard !closed else { return }
      if !pending.isEmpty {
        event("o", String(decoding: pending, as: UTF8.self))
        pending = []
      }
      closed = true
      fsync(descriptor)
      Glibc.close(descriptor)
    }
  }

  /// Called with `mutex` held.
  private func event(_ code: String, _ data: String) {
    guard !closed else { return }
    let seconds = max(lastTime, Double(MonotonicClock.now() &- origin) / 1e9)
    lastTime = seconds
    let time = Duration.rounded(seconds, 6)
    writeLine("[\(time), \(JSONValue.quote(code)), \(JSONValue.quote(data))]")
  }

  private func writeLine(_ line: String) {
    var bytes = Array(line.utf8)
    bytes.append(0x0A)
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      if written < 0 {
        if errno == EINTR { continue }
        return
      }
      offset += written
    }
  }

  /// How many leading bytes form whole UTF-8 characters (a cut character's
  /// first bytes at the end are left for the next read).
  static func completeLength(_ bytes: [UInt8]) -> Int {
    var index = bytes.count
    var back = 0
    while index > 0 && back < 4 {
      let byte = bytes[index - 1]
      if byte & 0xC0 != 0x80 {
        let needed = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
        return back + 1 >= needed ? bytes.count : index - 1
      }
      index -= 1
      back += 1
    }
    return bytes.count
  }
}
