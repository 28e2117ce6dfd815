import TOMLKit

/// Parses a theme or lesson file's TOML, turning every failure into a
/// `SourceError` with its line and column.
enum TOMLDocument {
  static func table(_ text: String, file: String) throws(SourceError) -> TOMLTable {
    if let problem = TOMLHeaderGuard.problem(in: text) {
      throw SourceError(
        file: file, line: problem.line, column: problem.column, message: problem.message)
    }
    do {
      return try TOMLTable(string: text)
    } catch let error as TOMLParseError {
      throw SourceError(
        file: file, line: error.source.begin.line, column: error.source.begin.column,
        message: error.description)
    } catch {
      throw SourceError(file: file, line: 1, column: 1, message: "not valid TOML")
    }
  }
}
