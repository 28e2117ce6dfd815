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

/// The inputs read so far, by path.
private let readAlready = LockedBox<[String: String]>([:])

extension SourceError {
  /// A file's text, or the error to show for it: an unreadable file has no
  /// position; bad content (too large, not UTF-8) is reported at its start.
  static func readText(_ path: String) throws(SourceError) -> String {
    // Each input is read once: a second read of a FIFO or `<(cat f)`
    // would find it empty.
    if let text = readAlready.withLockedValue({ $0[path] }) { return text }
    do {
      var text = try TextFile.read(path)
      // A byte order mark (some editors write one) is no part of the text.
      if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
      readAlready.withLockedValue { $0[path] = text }
      return text
    } catch {
      // An unreadable file has no position; bad content is reported at its start.
      let position = error.code != 0 ? 0 : 1
      throw SourceError(file: path, line: position, column: position, message: error.description)
    }
  }
}
