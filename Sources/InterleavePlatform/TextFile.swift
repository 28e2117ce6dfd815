import Glibc

/// Reading and writing whole text files, with errors that say what went wrong.
public enum TextFile {
  /// The file's text; refuses files over `limit` bytes, NUL bytes and invalid UTF-8.
  public static func read(_ path: String, limit: Int = 1 << 20) throws(SystemError) -> String {
    let bytes = try readBytes(path, limit: limit)
    guard !bytes.contains(0), let text = String(validating: bytes, as: UTF8.self) else {
      throw SystemError("not UTF-8 text")
    }
    return text
  }

  /// The file's bytes; refuses files over `limit` bytes.
  public static func readBytes(_ path: String, limit: Int) throws(SystemError) -> [UInt8] {
    // Not blocking in open(): a FIFO with no writer reads as empty instead
    // of holding the program (and every signal) forever.
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { throw SystemError.errno("cannot read") }
    _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
    guard let file = fdopen(descriptor, "rb") else {
      let failure = SystemError.errno("cannot read")
      close(descriptor)
      throw failure
    }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
      if count == 0 { break }
      bytes.append(contentsOf: buffer[..<count])
      if bytes.count > limit {
        throw SystemError("file is larger than \(TextFile.size(limit))")
      }
    }
    if ferror(file) != 0 { throw SystemError.errno("cannot read") }
    return bytes
  }

  /// `640 bytes`, `64 KiB`, `1 MiB`.
  public static func size(_ bytes: Int) -> String {
    if bytes < 1 << 10 { return "\(bytes) bytes" }
    return bytes >= 1 << 20 && bytes % (1 << 20) == 0
      ? "\(bytes >> 20) MiB" : "\(bytes >> 10) KiB"
  }

  /// Whether a file can be created or replaced at `path` (its folder is writable).
  public static func isWritable(_ path: String) -> Bool {
    access(folder(of: path), W_OK) == 0
  }

  /// The folder part of a path (`.` for a bare name).
  public static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let folder = String(path[..<slash])
    return folder.isEmpty ? "/" : folder
  }

  /// Creates `path` and its missing parent folders (like `mkdir -p`).
  public static func makeFolders(_ path: String) throws(SystemError) {
    var current = path.hasPrefix("/") ? "/" : ""
    for part in path.split(separator: "/") {
      current += (current.isEmpty || current.hasSuffix("/") ? "" : "/") + part
      if mkdir(current, 0o755) != 0 && errno != EEXIST {
        throw SystemError.errno("cannot create the folder \(current)")
      }
    }
    var info = stat()
    guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
      throw SystemError("\(path) is not a folder")
    }
  }

  /// Writes `text` to `path` by the rules of `OutputTarget`: a regular file
  /// is written to a temporary file beside it, then renamed over it (a
  /// reader never sees half a file, and a failure leaves nothing behind); a
  /// FIFO or device is written in place; anything else is refused.
  public static func write(_ text: String, to path: String) throws(SystemError) {
    switch try OutputTarget.of(path) {
    case .stream(let stream):
      let descriptor = try OutputTarget.openStream(stream)
      var failure: SystemError?
      do {
        try FileDescriptor.writeAll(descriptor, Array(text.utf8))
      } catch {
        failure = error
      }
      if close(descriptor) != 0, failure == nil { failure = SystemError.errno("cannot write") }
      if let failure { throw failure }
    case .file(let target, let mode):
      try replace(target, with: text, mode: mode ?? 0o644)
    }
  }

  /// Writes `text` to a fresh temporary file beside `path` and renames it over `path`.
  private static func replace(_ path: String, with text: String, mode: mode_t)
    throws(SystemError)
  {
    let (descriptor, temporary) = try OutputTarget.temporary(beside: path)
    var failure: SystemError?
    if fchmod(descriptor, mode) != 0 { failure = SystemError.errno("cannot write") }
    do {
      if failure == nil { try FileDescriptor.writeAll(descriptor, Array(text.utf8)) }
    } catch {
      failure = error
    }
    if failure == nil, fsync(descriptor) != 0, errno != EINVAL {
      failure = SystemError.errno("cannot write")
    }
    if close(descriptor) != 0, failure == nil { failure = SystemError.errno("cannot write") }
    if let failure {
      unlink(temporary)
      throw failure
    }
    guard rename(temporary, path) == 0 else {
      let failure = SystemError.errno("cannot write")
      unlink(temporary)
      throw failure
    }
  }
}
