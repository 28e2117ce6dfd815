import Glibc

/// What stands at a path a command writes to, and so how it is written.
///
/// Only a regular file (or nothing) is replaced, atomically, through a
/// temporary file beside it. A FIFO or a character device (`/dev/null`, a
/// terminal) is written in place and never replaced. A symbolic link is
/// followed: what it points at is written, by the same rules, and the link
/// stays. Anything else (a folder, a block device, a socket, a link to
/// nothing) is refused before a byte is written.
public enum OutputTarget: Equatable, Sendable {
  /// A regular file at `path` (a link's target), or a new one; `mode`
  /// is the existing file's permissions, kept when it is replaced.
  case file(path: String, mode: mode_t?)
  /// A FIFO or a character device, written where it stands.
  case stream(path: String)

  /// What `path` is, or why it is refused.
  public static func of(_ path: String) throws(SystemError) -> OutputTarget {
    var info = stat()
    guard lstat(path, &info) == 0 else {
      guard errno == ENOENT else { throw SystemError.errno("cannot write") }
      return .file(path: path, mode: nil)
    }
    var resolved = path
    if info.st_mode & S_IFMT == S_IFLNK {
      guard let real = realpath(path, nil) else {
        throw SystemError("is a symbolic link to nothing: not followed", refused: true)
      }
      resolved = String(cString: real)
      free(real)
      guard stat(resolved, &info) == 0 else { throw SystemError.errno("cannot write") }
    }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .file(path: resolved, mode: info.st_mode & 0o7777)
    case S_IFIFO, S_IFCHR: return .stream(path: resolved)
    case S_IFDIR: throw SystemError("is a folder, not a file", refused: true)
    case S_IFBLK: throw SystemError("is a block device: refused", refused: true)
    default: throw SystemError("is not a file, a FIFO or a character device", refused: true)
    }
  }

  /// Opens a FIFO or device for writing without waiting for a reader: a
  /// FIFO nobody reads is refused at once instead of blocking every signal.
  public static func openStream(_ path: String) throws(SystemError) -> Int32 {
    let descriptor = open(path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
    guard descriptor >= 0 else {
      if errno == ENXIO { throw SystemError("is a FIFO that nobody reads", refused: true) }
      throw SystemError.errno("cannot write")
    }
    let flags = fcntl(descriptor, F_GETFL)
    _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK)
    return descriptor
  }

  /// Creates a temporary file beside `path` that no one else can have
  /// made or pointed elsewhere (`mkstemp`: a fresh random name, opened
  /// with `O_EXCL`, so a planted file or link is never written through).
  static func temporary(beside path: String) throws(SystemError) -> (Int32, String) {
    let folder = TextFile.folder(of: path)
    let base = path.split(separator: "/").last.map(String.init) ?? "out"
    var template = Array("\(folder)/.\(base).XXXXXX".utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else { throw SystemError.errno("cannot write") }
    _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
    let name = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    return (descriptor, name)
  }
}
