import InterleaveContent
import InterleaveDashboard
import InterleaveRuntime
import InterleaveText

/// Everything a session runs with, decided once from the command line (and
/// changed by keys and lessons as it goes): the one place for defaults.
struct Settings: Equatable, Sendable {
  /// The speed of a dashboard run when none was asked for: slow enough to follow.
  static let dashboardSpeed = Speed.normal
  /// The speed of a plain run when none was asked for.
  static let plainSpeed = Speed.full

  var configuration: RunConfiguration
  var language: Language
  /// Every theme `t` cycles through, the chosen one among them.
  var themes: [ThemeChoice]
  var themeIndex: Int
  var schedule: Schedule?
  /// The first run starts paused.
  var startPaused = false
  /// Where a lesson's step pictures go: `BASE-step-01.svg`, ...
  var snapshotBase: String?
  /// Clicks and the wheel drive the dashboard (`--no-mouse`, `mouse = false`).
  var mouse = true
  /// Where the session's runs are written as a Trace Event Format file.
  var traceOut: String?

  /// - Parameter theme: the chosen theme (nil: default, or mono with `NO_COLOR`).
  init(
    configuration: RunConfiguration, language: Language, theme: Theme?, schedule: Schedule? = nil,
    environment: [String: String]
  ) {
    self.configuration = configuration
    self.language = language
    self.schedule = schedule
    // The built-ins are parsed only when one is drawn with or compared:
    // a plain run draws nothing and parses none.
    var themes = ThemeCatalog.builtinNames.indices.map(ThemeChoice.builtin)
    var index = 0
    if let theme {
      if let builtin = ThemeCatalog.builtins.firstIndex(of: theme) {
        index = builtin
      } else {
        themes.insert(.file(theme), at: 0)
      }
    } else if environment["NO_COLOR"] != nil,
      let mono = ThemeCatalog.builtins.firstIndex(where: \.monochrome)
    {
      index = mono
    }
    self.themes = themes
    themeIndex = index
  }

  var theme: Theme { themes[themeIndex].theme }
}

/// A theme in the `t` cycle: a built-in, by its place in `ThemeCatalog`, or
/// one read from a file.
enum ThemeChoice: Equatable, Sendable {
  case builtin(Int)
  case file(Theme)

  var theme: Theme {
    switch self {
    case .builtin(let index): ThemeCatalog.builtins[index]
    case .file(let theme): theme
    }
  }

  var name: String { theme.name }
}
