import InterleavePlatform

/// A theme or lesson file that cannot be used: where, and what is wrong.
public struct SourceError: Error, Equatable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int
  public var message: String

  public init(file: String, line: Int = 0, column: Int = 0, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  /// `file:line:column: message`, or `file: message` when no position applies.
  public var description: String {
    line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
  }
}

extension SourceError {
  /// A file's text, or the error to show for it: an unreadable file has no
  /// position; bad content (too large, not UTF-8) is reported at its start.
  static func readText(_ path: String) throws(SourceError) -> String {
    do {
      return try TextFile.read(path)
    } catch {
      // An unreadable file has no position; bad content is reported at its start.
      let position = error.code != 0 ? 0 : 1
      throw SourceError(file: path, line: position, column: position, message: error.description)
    }
  }
}
