import ArgumentParser
import InterleaveDashboard

/// Checks shared by the commands that take `--lang` and `--theme`.
enum SharedOptions {
  /// `--lang`, or the language of the environment when it is not given.
  static func language(_ flag: String?, environment: [String: String]) throws -> Language {
    guard let flag else { return Language.fromEnvironment(environment) }
    guard let chosen = Language(rawValue: flag.lowercased()) else {
      throw ValidationError("--lang must be en or zh (got '\(flag)')")
    }
    return chosen
  }

  /// `--theme NAME|PATH`, or the default theme.
  static func theme(_ flag: String?) throws -> Theme {
    guard let flag else { return ThemeCatalog.defaultTheme }
    do {
      return try ThemeCatalog.load(flag)
    } catch {
      throw ValidationError("--theme \(error)")
    }
  }
}
