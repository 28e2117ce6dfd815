import Glibc

/// A system call that failed: what was being done and the `errno` text.
public struct SystemError: Error, Equatable, CustomStringConvertible {
  public var description: String
  /// The `errno` value, when the failure came from the system.
  public var code: Int32
  /// Whether the path was refused before anything was written (a folder,
  /// a block device, a FIFO nobody reads): sysexits' "cannot create".
  public var refused: Bool

  public init(_ description: String, code: Int32 = 0, refused: Bool = false) {
    self.description = description
    self.code = code
    self.refused = refused
  }

  /// The exit status it ends a command with: 73 for a refused path, 74
  /// for a write that failed (sysexits' EX_CANTCREAT and EX_IOERR).
  public var exitStatus: Int32 { refused ? 73 : 74 }

  /// `"<doing> (<strerror>)"` for the current `errno`.
  public static func errno(_ doing: String) -> SystemError {
    let code = Glibc.errno
    return SystemError("\(doing) (\(String(cString: strerror(code))))", code: code)
  }
}
