/// The built-in themes and theme files named on the command line.
public enum ThemeCatalog {
  /// Built-in theme names, in the order `t` cycles through them.
  public static let builtinNames = BuiltinThemes.sources.map(\.name)

  /// The `default` theme, the fallback for every missing key.
  public static let defaultTheme: Theme = {
    let source = BuiltinThemes.sources[0]
    // The built-in files are checked by the tests; parsing cannot fail here.
    return try! ThemeParser.parse(source.text, file: "themes/default.toml", fallback: nil)
  }()

  /// Every built-in theme, parsed.
  public static func builtins() -> [Theme] {
    BuiltinThemes.sources.map { source in
      (try? ThemeParser.parse(
        source.text, file: "themes/\(source.name).toml", fallback: defaultTheme))
        ?? defaultTheme
    }
  }

  /// The built-in themes' names and one-line descriptions.
  public static func descriptions() -> [(name: String, description: String)] {
    BuiltinThemes.sources.map { source in
      let line = source.text.split(separator: "\n").first { $0.hasPrefix("description") }
      let text = line.flatMap { $0.split(separator: "\"").dropFirst().first }.map(String.init) ?? ""
      return (source.name, text)
    }
  }

  /// A built-in theme by name, or a theme file by path (anything with a `/`
  /// or ending in `.toml`).
  public static func load(_ nameOrPath: String) throws(SourceError) -> Theme {
    if !nameOrPath.contains("/") && !nameOrPath.hasSuffix(".toml") {
      guard let index = builtinNames.firstIndex(of: nameOrPath) else {
        throw SourceError(
          file: nameOrPath,
          message:
            "no such theme (built-in: \(builtinNames.joined(separator: ", ")); or give a .toml path)"
        )
      }
      return builtins()[index]
    }
    return try ThemeParser.parse(
      try SourceError.readText(nameOrPath), file: nameOrPath, fallback: defaultTheme)
  }
}
