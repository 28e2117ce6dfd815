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
    lang ?? ConfigFile.settings.language ?? Language.fromEnvironment(environment)
  }

  /// `--theme NAME|PATH`, or nil for the default.
  func loadTheme() throws -> Theme? {
    guard let theme = theme ?? ConfigFile.settings.theme else { return nil }
    do {
      return try ThemeCatalog.load(theme)
    } catch {
      throw ValidationError("--theme \(error)")
    }
  }

  func validate() throws {
    _ = try ConfigFile.current()
    _ = try loadTheme()
  }

  /// One warning line for each role of a chosen theme file that is hard to
  /// read (the built-in themes are checked by the tests).
  func warnAboutContrast(_ theme: Theme?) {
    guard let theme, let flag = self.theme else { return }
    for (role, ratio) in ThemeContrast.problems(theme) {
      InterleaveMain.notice(
        "warning: --theme \(flag): '\(role.rawValue)' has a contrast of "
          + "\(Duration.rounded(ratio, 1)):1 against its background (below 3:1): hard to read")
    }
  }
}
