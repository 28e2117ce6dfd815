import CSystem
import Glibc
import InterleaveDashboard
import InterleavePlatform
import InterleaveRuntime
import InterleaveTerminal
import InterleaveText

/// Opens the screen (the real terminal, or a recorded pseudo-terminal), runs
/// the dashboard, and always restores the terminal and closes the recording.
enum DashboardMode {
  /// Where and how to record, when asked.
  struct Recording {
    var path: String
    /// No real terminal: record at this size.
    var headlessSize: (width: Int, height: Int)?
  }

  /// How a dashboard session ended.
  enum Outcome {
    /// The session ran; the exit status.
    case ran(Int32, Session)
    /// The terminal could not be used (the caller may run plain mode instead).
    case noTerminal(String)
    /// Something else failed before the screen opened; already reported.
    case failed(Int32)
  }

  static func run(
    _ settings: Settings, environment: [String: String], lesson: LessonDriver? = nil,
    recording: Recording? = nil, title: String
  ) -> Outcome {
    var recorder: Recorder?
    // The recorder puts the real terminal in raw mode: from here on a quit
    // signal must end the session cleanly, not kill the process.
    TerminalSignals.install()
    if let recording {
      do {
        recorder = try startRecorder(recording, title: title, environment: environment)
      } catch {
        TerminalSignals.uninstall()
        InterleaveMain.notice("error: --record \(recording.path): \(error)")
        // A path refused (a FIFO nobody reads) is 73; another recorder, a
        // usage error; a write that fails, an I/O error.
        let usage = error.code == 0 || error.code == EWOULDBLOCK
        return .failed(
          error.refused ? error.exitStatus : usage ? InterleaveMain.usageError : Session.ioError)
      }
    }
    let screen: NcursesScreen
    do {
      var screenEnvironment = environment
      if let recording { screenEnvironment["TERM"] = terminalName(recording, environment) }
      screen = try NcursesScreen(
        theme: settings.theme, environment: screenEnvironment, device: recorder?.screenDescriptor,
        mouse: settings.mouse && recording?.headlessSize == nil)
    } catch {
      recorder?.stop()
      if let recording { unlink(recording.path) }
      return .noTerminal(error.description)
    }
    let session = Session(
      settings: settings, screen: screen, lesson: lesson,
      headless: recording?.headlessSize != nil,
      marker: recorder.map { recorder in { recorder.cast.marker($0) } },
      followResize: recorder.map { recorder in { recorder.followResize() } },
      recordingFailure: recorder.map { recorder in { recorder.cast.failure } },
      betweenFrames: {
        if TerminalSignals.takeContinue() {
          recorder?.reraw()
          screen.resumeAfterStop()
        }
        if let recorder, recorder.takeSuspendRequest() { recorder.suspend(screen) }
      })
    let status = session.loop()
    screen.stop()
    if let failure = session.writeTrace() {
      recorder?.stop()
      InterleaveMain.notice("error: --trace-out \(failure.message)")
      return .ran(failure.status, session)
    }
    if let recording, let failure = recorder?.stop() {
      InterleaveMain.notice(
        "error: --record \(recording.path): \(failure); the recording ends at its last whole line")
      return .ran(Session.ioError, session)
    }
    return .ran(settle(session, recording: recording) ?? status, session)
  }

  /// Reports where the session's events went: always for a headless recording
  /// (a batch job), and as an error whenever some run's events do not add up.
  /// - Returns: an exit status that overrides the session's, if any.
  static func settle(_ session: Session, recording: Recording?) -> Int32? {
    let events = session.events
    let account =
      "\(Format.grouped(events.produced)) events (\(Format.grouped(events.received)) received, "
      + "\(Format.grouped(events.dropped)) dropped)"
    if session.inexactRuns > 0 {
      InterleaveMain.notice(
        "error: internal: events of \(session.inexactRuns) of \(session.runs) runs do not add up: "
          + account)
      return 70
    }
    if let recording, recording.headlessSize != nil {
      InterleaveMain.notice("recorded \(recording.path): \(session.runs) runs, " + account)
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
  ) throws(SystemError) -> Recorder {
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
      throw SystemError("cannot record: " + error.description, code: error.code)
    }
  }
}
