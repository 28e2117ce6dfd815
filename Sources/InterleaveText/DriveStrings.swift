import InterleaveRuntime

/// The words of drive mode (the learner schedules) and of the outcomes
/// still reachable from a step: a part of `Strings`.
public protocol DriveStrings {
  /// What the main thread's row says while driving, `steps` taken.
  func driving(steps: Int) -> String
  /// A thread's next step, as its pane shows it.
  /// - Parameters:
  ///   - cell: the name of a shared cell (`balance`).
  ///   - primitive: the name of a lock or semaphore (`lock A`).
  ///   - thread: the name of a thread, by 0-based worker index.
  func preview(
    _ preview: StepPreview, cell: (Int) -> String, primitive: (Int) -> String,
    thread: (Int) -> String
  ) -> String
  /// The footer's drive hints, by key.
  func driveHint(_ hint: DriveHint) -> String
  /// The help's line for a drive key.
  func driveHelp(_ hint: DriveHint) -> String
  /// A key naming a thread that cannot step now, and why.
  func cannotStep(_ name: String, because why: String) -> String
  /// A key naming a thread that does not exist.
  func noSuchThread(_ number: Int, threads: Int) -> String
  /// Every thread has ended (or is stuck): only undo or the outcomes help.
  var runOver: String { get }
  /// `d` on a long run: what it drives instead.
  func drivingSmall(threads: Int, iterations: Int) -> String
  var nothingToUndo: String { get }
  var nothingToRedo: String { get }
  /// Step `count` taken, as the footer notes it.
  func stepTaken(_ count: Int, by name: String) -> String
  /// The fork box's title: from this step, `total` schedules remain.
  func forkTitle(total: String, step: Int) -> String
  /// The fork box's last line: the keys.
  var forkKeys: String { get }
  /// An outcome, as a row of the fork box names it.
  func outcome(_ outcome: Outcome) -> String
  /// `2 preemptions`.
  func preemptions(_ count: Int) -> String
  /// The fork box while it counts (off the UI thread).
  var forkCounting: String { get }
  /// The fork box when the states from here are too many to count.
  func forkTooLarge(states: String) -> String
  /// What a correct ending is called in the fork box.
  var correctMark: String { get }
}

/// The keys of drive mode.
public enum DriveHint: CaseIterable, Sendable {
  /// `d`: start or stop driving.
  case drive
  /// `1-9`: that thread takes a step.
  case stepThread
  /// `a`: the scheduler takes a step.
  case auto
  case undo
  case redo
  /// `f`: every outcome still reachable.
  case fork
}
