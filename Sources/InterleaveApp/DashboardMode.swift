import CSystem
import Glibc
import InterleaveDashboard
import InterleaveRuntime
import InterleaveTerminal

/// Opens the screen (the real terminal, or a recorded pseudo-terminal), runs
/// the dashboard, and always restores the terminal and closes the recording.
enum DashboardMode {
  /// Where and how to record, when asked.
  struct Recording {
    var path: String
    /// No real terminal: record at this size.
    var headlessSize: (width: Int, height: Int)?
  }

  /// - Returns: the exit status.
  static func run(
    _ resolved: InterleaveCommand.Resolved, environment: [String: String], lesson: Lesson? = nil,
    recording: Recording? = nil
  ) -> Int32 {
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
    var recorder: Recorder?
    // The recorder puts the real terminal in raw mode: from here on a quit
    // signal must end the session cleanly, not kill the process.
    TerminalSignals.install()
    if let recording {
      do {
        recorder = try startRecorder(
          recording,
          title: lesson?.title.text(resolved.language)
            ?? "interleave \(resolved.configuration.scenario.rawValue)", environment: environment)
      } catch {
        TerminalSignals.uninstall()
        InterleaveCommand.notice("error: --record \(recording.path): \(error)")
        return InterleaveMain.usageError
      }
    }
    let terminal: Terminal
    do {
      var screenEnvironment = environment
      if let recording { screenEnvironment["TERM"] = terminalName(recording, environment) }
      terminal = try Terminal(
        theme: themes[index!], environment: screenEnvironment, device: recorder?.screenDescriptor)
    } catch {
      recorder?.stop()
      if let recording { unlink(recording.path) }
      guard lesson == nil else {
        InterleaveCommand.notice("error: \(error)")
        return 1
      }
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
      themeIndex: index!, terminal: terminal, schedule: resolved.schedule, recorder: recorder,
      lesson: lesson, headless: recording?.headlessSize != nil)
    let status = session.loop()
    terminal.stop()
    recorder?.stop()
    return settle(session, recording: recording) ?? status
  }

  /// Reports where the session's events went: always for a headless recording
  /// (a batch job), and as an error whenever some run's events do not add up.
  /// - Returns: an exit status that overrides the session's, if any.
  static func settle(_ session: DashboardSession, recording: Recording?) -> Int32? {
    let events = session.events
    let account =
      "\(Format.grouped(events.produced)) events (\(Format.grouped(events.received)) received, "
      + "\(Format.grouped(events.dropped)) dropped)"
    if session.inexactRuns > 0 {
      InterleaveCommand.notice(
        "error: internal: events of \(session.inexactRuns) of \(session.runs) runs do not add up: "
          + account)
      return 70
    }
    if let recording, recording.headlessSize != nil {
      InterleaveCommand.notice("recorded \(recording.path): \(session.runs) runs, " + account)
    }
    return nil
  }

  /// The terminal type ncurses writes for: the real one's, or xterm-256color
  /// when there is no real terminal (what players and agg expect).
  static func terminalName(_ recording: Recording, _ environment: [String: String]) -> String {
    guard recording.headlessSize == nil, let term = environment["TERM"], !term.isEmpty,
      term != "dumb"
    else { return "xterm-256color" }
    return term
  }

  static func startRecorder(
    _ recording: Recording, title: String, environment: [String: String]
  ) throws(TextFile.Failure) -> Recorder {
    var size = recording.headlessSize ?? (100, 30)
    if recording.headlessSize == nil {
      var rows: Int32 = 0
      var cols: Int32 = 0
      if il_get_winsize(STDOUT_FILENO, &rows, &cols) == 0, rows > 0, cols > 0 {
        size = (Int(cols), Int(rows))
      }
    }
    let cast = try CastWriter(
      path: recording.path, width: size.width, height: size.height, title: title,
      environment: environment.merging(["TERM": terminalName(recording, environment)]) { $1 })
    do {
      return try Recorder(
        cast: cast, width: size.width, height: size.height, headless: recording.headlessSize != nil)
    } catch {
      cast.close()
      unlink(recording.path)
      throw error
    }
  }
}
