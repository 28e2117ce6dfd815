import ArgumentParser
import InterleaveContent
import InterleaveDashboard
import InterleaveText

/// `--lang` and `--theme`: how the program speaks and looks, for every command.
struct LookOptions: ParsableArguments {
  @Option(name: .long, help: "The language of captions and transcripts (default: from LANG).")
  var lang: Language?

  @Option(name: .long, help: "A built-in theme name or a theme .toml file (default: default).")
  var theme: String?

  /// `--lang`, or the language of the environment when it is not given.
  func language(_ environment: [String: String]) -> Language {
    lang ?? Language.fromEnvironment(environment)
  }

  /// `--theme NAME|PATH`, or nil for the default.
  func loadTheme() throws -> Theme? {
    guard let theme else { return nil }
    do {
      return try ThemeCatalog.load(theme)
    } catch {
      throw ValidationError("--theme \(error)")
    }
  }

  func validate() throws { _ = try loadTheme() }
}
