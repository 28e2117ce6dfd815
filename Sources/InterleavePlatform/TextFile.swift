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
    guard let file = fopen(path, "rb") else { throw SystemError.errno("cannot read") }
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

  /// `64 KiB`, `1 MiB`.
  public static func size(_ bytes: Int) -> String {
    bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes >> 10) KiB"
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

  /// Writes `text` to a temporary file beside `path`, then renames it over
  /// `path`: a reader never sees half a file, and a failure leaves nothing behind.
  public static func write(_ text: String, to path: String) throws(SystemError) {
    let temporary = path + ".tmp-\(getpid())"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw SystemError.errno("cannot write") }
    var failure: SystemError?
    do {
      try FileDescriptor.writeAll(descriptor, Array(text.utf8))
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
