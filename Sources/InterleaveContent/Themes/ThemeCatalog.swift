import InterleaveDashboard

/// The built-in themes and theme files named on the command line.
public enum ThemeCatalog {
  /// Built-in theme names, in the order `t` cycles through them.
  public static let builtinNames = BuiltinThemes.sources.map(\.name)

  /// The `default` theme, the fallback for every missing key.
  public static var defaultTheme: Theme { builtins[0] }

  /// Every built-in theme, parsed once, when first asked for.
  ///
  /// The built-in files are compiled in and checked by the tests
  /// (`parseBuiltin`), so a failure here is a build that must not ship.
  public static let builtins: [Theme] = {
    let fallback = try! parseBuiltin(BuiltinThemes.sources[0], fallback: nil)
    return [fallback]
      + BuiltinThemes.sources.dropFirst().map { try! parseBuiltin($0, fallback: fallback) }
  }()

  /// Parses one compiled-in theme, reporting a broken one as it would a file.
  public static func parseBuiltin(_ source: (name: String, text: String), fallback: Theme?)
    throws(SourceError) -> Theme
  {
    try ThemeParser.parse(source.text, file: "themes/\(source.name).toml", fallback: fallback)
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
      return builtins[index]
    }
    return try ThemeParser.parse(
      try SourceError.readText(nameOrPath), file: nameOrPath, fallback: defaultTheme)
  }
}
