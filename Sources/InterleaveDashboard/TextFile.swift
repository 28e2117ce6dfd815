import Glibc

/// Reading and writing whole text files, with errors that say what went wrong.
public enum TextFile {
  /// Why a file could not be read or written.
  public struct Failure: Error, Equatable, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
  }

  /// The file's text; refuses files over `limit` bytes, NUL bytes and invalid UTF-8.
  public static func read(_ path: String, limit: Int = 1 << 20) throws(Failure) -> String {
    guard let file = fopen(path, "rb") else {
      throw Failure(description: "cannot read (\(String(cString: strerror(errno))))")
    }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
      if count == 0 { break }
      bytes.append(contentsOf: buffer[..<count])
      if bytes.count > limit {
        throw Failure(description: "file is larger than \(limit / 1024) KiB")
      }
    }
    if ferror(file) != 0 {
      throw Failure(description: "cannot read (\(String(cString: strerror(errno))))")
    }
    guard !bytes.contains(0), let text = String(validating: bytes, as: UTF8.self) else {
      throw Failure(description: "not UTF-8 text")
    }
    return text
  }

  /// Whether a file can be created or replaced at `path` (its folder is writable).
  public static func isWritable(_ path: String) -> Bool {
    let folder = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
    return access(folder.isEmpty ? "/" : folder, W_OK) == 0
  }

  /// Writes `text` to a temporary file beside `path`, then renames it over
  /// `path`: a reader never sees half a file, and a failure leaves nothing behind.
  public static func write(_ text: String, to path: String) throws(Failure) {
    let temporary = path + ".tmp-\(getpid())"
    guard let file = fopen(temporary, "wb") else {
      throw Failure(description: "cannot write (\(String(cString: strerror(errno))))")
    }
    let bytes = Array(text.utf8)
    let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    let closed = fclose(file)
    guard written == bytes.count, closed == 0, rename(temporary, path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw Failure(description: "cannot write (\(reason))")
    }
  }
}
