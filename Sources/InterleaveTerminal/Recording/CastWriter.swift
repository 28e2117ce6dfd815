import Glibc
import InterleavePlatform
import InterleaveText

/// Writes an asciicast v2 file: a JSON header line, then one JSON array per
/// event (`[seconds, "o" | "r" | "m", data]`), times never decreasing.
///
/// Every event is a whole line written with one `write(2)`, and every write
/// is checked: after a failure (a full disk) the file is cut back to its last
/// whole line, nothing more is written, and `failure` says what happened, so
/// a recording is always valid and never claims more than it holds. The file
/// is locked (`flock`) while it is written: a second recorder is refused.
///
/// `@unchecked Sendable`: the file descriptor, clock origin, the pending
/// UTF-8 tail and the failure are touched only with `mutex` held (the pump
/// thread writes output, the UI thread writes markers and resizes).
public final class CastWriter: @unchecked Sendable {
  private let mutex = PThreadMutex()
  private let descriptor: Int32
  private let origin: UInt64
  private var lastTime = 0.0
  /// Bytes of a UTF-8 character cut by the end of the previous read.
  private var pending: [UInt8] = []
  /// The file's length up to its last whole line.
  private var whole: off_t = 0
  private var closed = false
  private var failed: SystemError?

  /// Creates `path` (replacing it) and writes the header.
  /// - Throws: when the file cannot be created, is being recorded by another
  ///   process, or the header cannot be written.
  public init(
    path: String, width: Int, height: Int, title: String, environment: [String: String]
  ) throws(SystemError) {
    // A recording streams, so even a regular file is written in place; a
    // FIFO nobody reads is refused at once instead of blocking in open().
    let target = try OutputTarget.of(path)
    var file = path
    switch target {
    case .stream(let stream):
      descriptor = try OutputTarget.openStream(stream)
    case .file(let regular, _):
      file = regular
      // Not truncated before the lock is ours: another recorder's file stays whole.
      descriptor = open(regular, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
    }
    let existed = target != .file(path: file, mode: nil)
    guard descriptor >= 0 else { throw SystemError.errno("cannot write") }
    guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
      let busy = errno == EWOULDBLOCK
      let failure =
        busy ? SystemError("another interleave is recording to it") : .errno("cannot lock")
      Glibc.close(descriptor)
      throw failure
    }
    var info = stat()
    if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
      ftruncate(descriptor, 0) != 0
    {
      let failure = SystemError.errno("cannot write")
      Glibc.close(descriptor)
      throw failure
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
    if let failed {
      Glibc.close(descriptor)
      // A file made only to fail is not left behind.
      if !existed { unlink(file) }
      throw failed
    }
  }

  deinit { close() }

  /// The first write that failed, if one did (the file then ends at its
  /// last whole line, and nothing more is written).
  public var failure: SystemError? { mutex.withLock { failed } }

  /// Terminal output bytes (any split; UTF-8 characters are never cut).
  public func output(_ bytes: ArraySlice<UInt8>) {
    mutex.withLock {
      var data = pending + bytes
      let cut = CastWriter.completeLength(data)
      pending = Array(data[cut...])
      data.removeSubrange(cut...)
      guard !data.isEmpty else { return }
      // The terminal's own bytes, escapes and all: that is what is recorded.
      event("o", JSONValue.quote(String(decoding: data, as: UTF8.self)))
    }
  }

  /// A chapter marker players can jump to (made safe to print).
  /// - Returns: the monotonic time it carries (it is written after any
  ///   output the pump was writing, so it can be later than asked).
  @discardableResult
  public func marker(_ label: String) -> UInt64 {
    mutex.withLock {
      event("m", JSONValue.string(label).text)
      return origin &+ UInt64(lastTime * 1e9)
    }
  }

  /// The terminal is now `width` x `height`.
  public func resize(width: Int, height: Int) {
    mutex.withLock { event("r", JSONValue.quote("\(width)x\(height)")) }
  }

  /// Flushes what is pending and closes the file (idempotent).
  /// - Returns: the first failure, if writing or closing failed.
  @discardableResult
  public func close() -> SystemError? {
    mutex.withLock {
      guard !closed else { return failed }
      if !pending.isEmpty {
        event("o", JSONValue.quote(String(decoding: pending, as: UTF8.self)))
        pending = []
      }
      closed = true
      if failed == nil, fsync(descriptor) != 0, errno != EINVAL {
        failed = SystemError.errno("cannot write")
      }
      if Glibc.close(descriptor) != 0, failed == nil {
        failed = SystemError.errno("cannot write")
      }
      return failed
    }
  }

  /// Called with `mutex` held. `data` is already a JSON string literal.
  private func event(_ code: String, _ data: String) {
    guard !closed else { return }
    let seconds = max(lastTime, Double(MonotonicClock.now() &- origin) / 1e9)
    lastTime = seconds
    writeLine("[\(Duration.rounded(seconds, 6)), \"\(code)\", \(data)]")
  }

  /// Writes one whole line, or, on failure, cuts the file back to its last
  /// whole line and writes nothing more.
  private func writeLine(_ line: String) {
    guard failed == nil else { return }
    var bytes = Array(line.utf8)
    bytes.append(0x0A)
    do {
      try FileDescriptor.writeAll(descriptor, bytes)
      whole += off_t(bytes.count)
    } catch {
      failed = error
      _ = ftruncate(descriptor, whole)
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
