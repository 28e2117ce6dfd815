import InterleaveRuntime
import InterleaveTerminal

/// What a key, or a lesson step, asks the session to do.
enum Action: Equatable, Sendable {
  case switchScenario(Scenario)
  case nextScenario
  case previousScenario
  case togglePause
  case pause
  case step
  case faster
  case slower
  case setSpeed(Speed)
  case restart
  case fewerThreads
  case moreThreads
  case nextTheme
  case setTheme(String)
  case toggleHelp
  case closeHelp
  case pageUp
  case pageDown
  /// The list of every scenario: open it, move its choice, switch, close.
  case openPicker
  case pickerMove(Int)
  case pickerChoose
  case closePicker
  /// Start or stop driving the scheduler.
  case toggleDrive
  /// Driving: this thread (1-based) takes its next step.
  case driveStep(Int)
  /// Driving: the seeded scheduler takes one step.
  case driveAuto
  case undo
  case redo
  /// Driving: count every outcome still reachable.
  case fork
  /// Move the fork's choice up (-1) or down (+1).
  case forkMove(Int)
  /// Go to the chosen outcome by its simplest way.
  case forkChoose
  case closeFork
  /// Give this worker's pane (1-based) the whole threads area, or give it
  /// back when it has it already.
  case focusPane(Int)
  /// Scroll the focused pane back (+) or forward (-) this many lines.
  case scrollFocus(Int)
  case unfocus
  /// The screen changed size: draw everything again.
  case redraw
  case quit
  /// A key pressed by a lesson, as if by the user.
  case key(Key)
  /// A lesson sets up the next run (and restarts it when anything changed).
  case setUp(LessonSetup)
  /// A lesson's caption, kept across restarts until the next one.
  case caption(String)
  /// A short message in the footer (nil clears it).
  case notice(String?)
  /// A chapter marker in the recording.
  case marker(String)
  /// Save the screen as an SVG picture: `s` (a new file in the current
  /// folder), or a lesson's step (`step-03`, beside the recording).
  case saveSnapshot(String?)
}

/// What a lesson step changes about the run.
struct LessonSetup: Equatable, Sendable {
  var scenario: Scenario?
  var options = ScenarioOptionChanges()
  var threads: Int?
  var iterations: Int?
  /// A seed for the new run; a setup without one runs freely.
  var seed: UInt64?
  /// Start again even if nothing changed (a step after the first, or a retry).
  var always: Bool
}
