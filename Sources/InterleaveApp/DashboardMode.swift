import Glibc
import InterleaveDashboard
import InterleaveRuntime
import InterleaveTerminal

/// Opens the screen, runs the dashboard, and always restores the terminal.
enum DashboardMode {
  /// - Returns: the exit status.
  static func run(_ resolved: InterleaveCommand.Resolved, environment: [String: String]) -> Int32 {
    var themes = ThemeCatalog.builtins()
    var index = themes.firstIndex { $0.name == resolved.theme.name && $0 == resolved.theme }
    if index == nil {
      themes.insert(resolved.theme, at: 0)
      index = 0
    }
    if environment["NO_COLOR"] != nil, resolved.theme == ThemeCatalog.defaultTheme,
      let mono = themes.firstIndex(where: { $0.monochrome })
    {
      index = mono
    }
    let terminal: Terminal
    do {
      terminal = try Terminal(theme: themes[index!], environment: environment)
    } catch {
      InterleaveCommand.notice("\(error): running in plain mode (--plain)")
      var plain = resolved.configuration
      if !resolved.speedGiven { plain.speed = .full }
      let outcome = PlainRunner(
        configuration: plain, language: resolved.language, format: resolved.format,
        schedule: resolved.schedule
      ).run(into: OutputSink())
      do {
        try InterleaveCommand.finish(outcome, resolved)
      } catch {
        return InterleaveMain.usageError
      }
      return 0
    }
    let session = DashboardSession(
      configuration: resolved.configuration, language: resolved.language, themes: themes,
      themeIndex: index!, terminal: terminal, schedule: resolved.schedule)
    let status = session.loop()
    terminal.stop()
    return status
  }
}
