import ArgumentParser
import Glibc
import InterleaveDashboard
import InterleavePlatform
import InterleaveTerminal

/// The program dashboard on a real terminal through ncurses, recorded to
/// an asciicast when asked (drawn on a pseudo-terminal whose every byte
/// goes to the cast and, unless headless, to the real terminal).
enum ProgramDashboardMode {
  /// Runs the dashboard `build` makes on the screen it is given.
  /// - Returns: the exit status, or nil when there is no screen to draw on.
  static func run(
    title: String, recording: DashboardMode.Recording?, theme: Theme,
    environment: [String: String],
    build: (any Screen, _ marker: @escaping (String) -> Void) -> ProgramDashboard,
    ended: (ProgramDashboard) -> Void = { _ in }
  ) throws -> Int32? {
    var recorder: Recorder?
    TerminalSignals.install()
    if let recording {
      do {
        recorder = try DashboardMode.startRecorder(
          recording, title: title, environment: environment)
      } catch {
        TerminalSignals.uninstall()
        InterleaveMain.notice("error: --record \(recording.path): \(error)")
        throw ExitCode(error.refused ? error.exitStatus : Session.ioError)
      }
    }
    let screen: NcursesScreen
    do {
      var screenEnvironment = environment
      if let recording {
        screenEnvironment["TERM"] = DashboardMode.terminalName(recording, environment)
      }
      screen = try NcursesScreen(
        theme: theme, environment: screenEnvironment, device: recorder?.screenDescriptor)
    } catch {
      recorder?.stop()
      if let recording { unlink(recording.path) }
      InterleaveMain.notice("\(error)")
      return nil
    }
    let cast = recorder?.cast
    var dashboard = build(screen) { label in _ = cast?.marker(label) }
    dashboard.betweenFrames = {
      if let size = recorder?.followResize() {
        screen.resize(width: size.width, height: size.height)
      }
      if TerminalSignals.takeContinue() {
        recorder?.reraw()
        screen.resumeAfterStop()
      }
      if let recorder, recorder.takeSuspendRequest() { recorder.suspend(screen) }
      return recorder?.cast.failure == nil
    }
    let status = dashboard.loop()
    ended(dashboard)
    screen.stop()
    if let recording, let failure = recorder?.stop() {
      InterleaveMain.notice(
        "error: --record \(recording.path): \(failure); the recording ends at its last whole line"
      )
      return Session.ioError
    }
    return status
  }
}
