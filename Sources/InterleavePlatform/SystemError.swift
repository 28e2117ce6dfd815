import Glibc

/// A system call that failed: what was being done and the `errno` text.
public struct SystemError: Error, Equatable, CustomStringConvertible {
  public var description: String
  /// The `errno` value, when the failure came from the system.
  public var code: Int32

  public init(_ description: String, code: Int32 = 0) {
    self.description = description
    self.code = code
  }

  /// `"<doing> (<strerror>)"` for the current `errno`.
  public static func errno(_ doing: String) -> SystemError {
    let code = Glibc.errno
    return SystemError("\(doing) (\(String(cString: strerror(code))))", code: code)
  }
}
