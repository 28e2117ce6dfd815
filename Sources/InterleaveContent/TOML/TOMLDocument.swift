/// Parses a theme or lesson file's TOML, turning every failure into a
/// `SourceError` with its line and column.
enum TOMLDocument {
  static func table(_ text: String, file: String) throws(SourceError) -> TOMLTable {
    do {
      return try TOMLReader.parse(text)
    } catch {
      throw SourceError(file: file, line: error.line, column: error.column, message: error.message)
    }
  }
}
