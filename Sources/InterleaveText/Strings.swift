import InterleaveRuntime

/// Every word the program shows a person, in one language: the string table.
///
/// `English` and `Chinese` conform, so a text missing in one language does
/// not compile. Numbers come in already formatted where their format does
/// not depend on the language (`Format`, `Duration`).
public protocol Strings: DriveStrings, ScenarioStrings, Sendable {
  // MARK: - Threads

  /// Python's name for the main thread.
  var mainThread: String { get }
  /// A worker's name, 1-based, as `threading` would name it.
  func worker(_ naming: ScenarioTraits.Naming, _ index: Int, of count: Int) -> String
  /// A thread's state badge.
  func state(_ state: ThreadState) -> String
  /// The badge of a running thread while the run is paused.
  var paused: String { get }
  /// Drive mode: a live thread that waits for the driver to pick it.
  var ready: String { get }
  /// A live thread of a paced run between two steps: the pacer holds it
  /// (it is not running, and not asleep in the program's own sleep).
  var paced: String { get }
  /// Drive mode's header while the run waits for the driver's next pick.
  var yourTurn: String { get }
  /// `tid 5765`.
  func tid(_ tid: Int32) -> String
  /// `cpu 1`, or `cpu -` when not known yet.
  func cpu(_ core: Int) -> String

  // MARK: - Transcript: the seed's prints

  /// `Thread LoopThread is running...` (the seed's first print).
  func started(_ who: String) -> String
  /// `Thread LoopThread ended.`
  func ended(_ who: String) -> String
  func cancelled(_ who: String) -> String
  /// `Thread LoopThread >>> 2`.
  func count(_ who: String, _ n: Int) -> String

  // MARK: - Transcript: one step, without its thread (a pane shows that)

  func reads(_ value: Int) -> String
  func writes(_ value: Int) -> String
  func atomicAdd(_ amount: Int, result: Int) -> String
  /// This thread's write wiped out `victim`'s (steps under a scheduler).
  func lostUpdate(wrote: Int, over victim: String, overwritten: Int, read: Int) -> String
  /// In the victim's pane: its value was overwritten by `writer`.
  func overwritten(_ value: Int, by writer: String) -> String
  func waits(for primitive: PrimitiveSpec) -> String
  func acquired(_ primitive: PrimitiveSpec, waited: UInt64) -> String
  func timedOut(_ primitive: PrimitiveSpec, waited: UInt64) -> String
  func released(_ primitive: PrimitiveSpec, held: UInt64) -> String
  /// A sleep of `duration` ns where the code says `time.sleep` for
  /// `written` ns (0: no figure in the code).
  func sleeps(_ duration: UInt64, written: UInt64) -> String
  func deadlockFound(threads: Int) -> String
  /// Pane lines for the start and end of a thread.
  var paneStarted: String { get }
  var paneEnded: String { get }
  /// What a thread printed earlier, kept in its pane once scrolled away.
  func printedEarlier(_ text: String) -> String
  var paneCancelled: String { get }

  // MARK: - Scenarios

  /// One or two sentences on what a scenario shows (the caption bar).
  func blurb(_ scenario: Scenario) -> String
  /// What the main thread is doing.
  func mainThreadDoing(_ state: ThreadState, waitsBy: ScenarioTraits.MainWait) -> String

  // MARK: - Header and footer

  func cores(_ count: Int) -> String
  func threads(_ count: Int, short: Bool) -> String
  var fullSpeed: String { get }
  /// `● running`, `‖ paused`, ...
  func phase(_ phase: RunPhase) -> String
  func seed(_ seed: UInt64) -> String
  /// A replayed schedule, as the header shows it (`1x3 2x4 1`, cut to fit).
  func replay(_ schedule: String) -> String
  /// A key's name as printed (`space` is `空格` in Chinese).
  func keyName(_ key: String) -> String
  /// The footer's short word for what a key does.
  func footer(_ hint: KeyHint) -> String
  /// The help overlay's longer text for what a key does.
  func help(_ hint: KeyHint, theme: String) -> String
  var helpTitle: String { get }
  var legendTitle: String { get }
  /// `figures`, above what each figure on screen counts.
  var figuresTitle: String { get }
  /// Lost updates, and what the balance lacks now when that differs
  /// (`lost updates 3, now missing -5 -8`).
  func lostNowMissing(_ count: String, missing: String) -> String
  /// The same where more are missing than a short list holds
  /// (`lost updates 5, now missing 4 changes`).
  func lostNowMissingCount(_ count: String, missing: String) -> String
  /// Every loss came back or cancels out: the balance lacks nothing now.
  func lostNoneMissing(_ count: String) -> String
  /// The header's pace of a run that is over, and the next run's, chosen
  /// since (`full speed, next 1 ms/step`).
  func paceThenNext(_ pace: String, next: String) -> String
  /// A speed chosen once the run is over, said in the footer.
  func nextRunPace(_ pace: String) -> String
  /// Where the figures are defined, when the help box has no room for them.
  var figuresElsewhere: String { get }
  /// On a box's bottom border, where lines of it were left out for want of rows.
  var moreInTallerWindow: String { get }
  /// Under a pane's last step when the run is let go at full speed.
  var notListedFromHere: String { get }
  /// Lost updates traced while paced, before the run was let go.
  func lostAtLeast(_ count: String) -> String
  /// A paced run's pace in the header: `400 ms/step`.
  func perStep(_ pace: String) -> String
  /// Each figure on screen, as it is written, and what it counts.
  var figureDefinitions: [(String, String)] { get }
  func themeNotice(_ name: String) -> String
  /// A pane has the whole threads area: how to scroll it and give it back.
  func focusNotice(_ name: String) -> String
  /// The screen was saved as a picture.
  func snapshotSaved(_ path: String) -> String
  /// The picture could not be written.
  func snapshotFailed(_ path: String, _ reason: String) -> String
  func lessonNotice(_ title: String, step: Int, of count: Int) -> String
  var lessonEnded: String { get }
  /// The recording's chapter marker at the end of a lesson.
  var lessonEndMarker: String { get }
  /// The recording's chapter marker where a run of scenario `id` starts.
  func scenarioMarker(_ id: String) -> String
  /// A step whose claim did not hold runs its run again.
  func rerun(_ attempt: Int, of total: Int) -> String
  var quitting: String { get }
  func switching(to scenario: Scenario) -> String
  /// A replayed schedule stops when the run no longer matches it.
  var replayEnded: String { get }
  func refusedThreads(_ count: Int) -> String
  func droppedEvents(_ count: String) -> String
  func tooSmall(width: Int, height: Int) -> String
  func nowSize(width: Int, height: Int) -> String

  // MARK: - Panes and the thread table

  /// `iter`, before the iteration count.
  var iterations: String { get }
  /// `trials`, before the count of a scenario whose iterations are trials.
  var trials: String { get }
  /// `avg`, before an ended thread's rate: its count over its own time.
  var average: String { get }
  /// `overwrote 3 · overwritten 2`, short when room is tight.
  func lostCounts(overwrote: Int, overwritten: Int, short: Bool, atLeast: Bool) -> String
  func tableHeader(_ column: TableColumn) -> String
  func tablePage(first: Int, last: Int, of count: Int) -> String

  // MARK: - The interleaving strip

  func stripTitle(sampled: Bool) -> String
  /// What one glyph of the strip means (`read`, `overwrote`, ...).
  func legend(_ glyph: StripGlyph) -> String
  func moreThreads(_ count: Int) -> String

  // MARK: - Primitives panel

  var primitivesTitle: String { get }
  var noLockRace: String { get }
  var noPrimitives: String { get }
  var deadlockHeader: String { get }
  /// `Thread-1 holds A, waits B`.
  func cycleLink(_ who: String, holds: String, waits: String) -> String
  func backTo(_ who: String) -> String
  func owner(_ who: String) -> String
  var free: String { get }
  /// Free a moment after a release, its waiters not yet back to take it.
  var freeWaking: String { get }
  func waiters(_ names: [String]) -> String
  /// `acq 3  contended 1 (33%)` (and the timeouts, when there were any).
  func lockCounts(acquisitions: String, contended: String, share: String, timeouts: Int) -> String
  func lockWaits(average: String, max: String) -> String
  /// No wait has ended yet while `waiting` threads wait (an average of
  /// none would read as 0 ns).
  func lockWaitsNoneEnded(waiting: Int) -> String
  /// The longest wait that ended, while some thread still waits (its
  /// wait is not in it); the waiters line says who.
  func lockWaitsSoFar(max: String) -> String
  /// No call has had to wait yet (not "wait avg 0 ns").
  var lockNoWaits: String { get }
  func lockHeld(_ share: String) -> String
  /// Said instead of a hold share when holds went untimed (full speed
  /// times a sample of them, too small to say a share truly).
  var holdNotTimed: String { get }

  // MARK: - The lost update, told step by step

  var storyTitle: String { get }
  var storyWaiting: String { get }
  var storyUntraced: String { get }
  func storyRead(_ who: String, _ value: Int) -> String
  func storyWrite(_ who: String, _ value: Int) -> String
  func storyOverwrite(_ who: String, _ value: Int, read: Int) -> String
  func storyLost(_ victim: String, amount: Int) -> String

  // MARK: - Balance gauge

  var balanceTitle: String { get }
  var noBalance: String { get }
  func balance(_ value: String, expected: String) -> String
  /// In flight: the balance now and the one a correct run ends with.
  func balanceNow(_ value: String, atEnd expected: String) -> String
  func lostUpdates(_ count: String) -> String
  var lostNotTraced: String { get }
  var verdictCorrect: String { get }
  /// The balance came out right in a race whose lost updates were not
  /// counted: updates may have been lost and cancelled out.
  var verdictUnproven: String { get }
  func verdictWrong(_ drift: String) -> String
  var verdictNotEveryThread: String { get }
  /// Lost updates whose amounts happened to cancel out.
  func verdictLuck(_ lost: String) -> String
  /// The balance's lowest and highest; `sampled`: seen in frame samples only.
  func range(min: String, max: String, sampled: Bool) -> String

  // MARK: - Plain summary

  func summaryLabel(_ field: SummaryField) -> String
  /// `1.94 of 2 workers on average (CPU 0.19 s over 0.10 s)`, and whether
  /// they mostly took turns.
  func overlap(_ parallelism: Double, workers: Int, cpu: UInt64, span: UInt64) -> String
  /// A paced run's overlap line: steps go one at a time.
  var pacedOverlap: String { get }
  /// The strip's live figure at full speed: `at once 1.9/2`.
  func atOnce(_ parallelism: Double, of workers: Int) -> String
  func scenarioLine(_ id: String, threads: Int, iterations: Int?) -> String
  /// `correct`, `wrong by 5`, ... (no glyph); lost updates whose amounts
  /// cancelled out are no correct run.
  func summaryVerdict(drift: Int, lost: Int, notEveryThread: Bool) -> String
  func balanceLine(final: Int, expected: Int, verdict: String) -> String
  var lostNotTracedLong: String { get }
  func operations(_ count: Int, rate: String) -> String
  /// One lock's numbers; `held` is its share of the run (`~6%` when sampled).
  /// `held`: the hold share, nil when holds went untimed.
  func lockLine(_ lock: PrimitiveSnapshot, held: String?, contention: String) -> String
  func refusedLine(_ count: Int, of total: Int) -> String
  /// The one error line of a plain run whose threads the system refused.
  /// Child processes the system would not start, and its reason.
  func refusedChildren(_ count: Int, of total: Int, because reason: String) -> String
  func refusedError(_ count: Int, of total: Int) -> String
}

/// A key the footer or the help names.
public enum KeyHint: CaseIterable, Sendable {
  case scenario
  case nextScenario
  case pause
  /// `space` while paused: run on.
  case resume
  case step
  case speed
  case threads
  case restart
  case theme
  case page
  case snapshot
  case mouse
  case help
  case quit
}

/// A glyph of the interleaving strip, for its legend.
public enum StripGlyph: CaseIterable, Sendable {
  case read
  case write
  case atomic
  case acquire
  case release
  /// Blocked in `acquire()`: a lock or a semaphore's permit.
  case wait
  /// In `cond.wait()`, until notified.
  case conditionWait
  /// Waiting for the GIL (the `gil` scenario).
  case gilWait
  case sleep
  case tick
  /// `buffer.append(item)`.
  case put
  /// `buffer.pop(0)`.
  case take
  /// `notify()` or `notify_all()`.
  case notify
  /// A bytecode that touches nothing shared.
  case bytecode
  /// A Python error raised.
  case raise
  /// The write that wiped out another thread's update.
  case overwrote
  /// The write whose update was wiped out.
  case lost
  /// Full speed: the thread ran during this frame.
  case ran
}

/// A column of the compact thread table.
public enum TableColumn: CaseIterable, Sendable {
  case thread
  case state
  case iterations
  case lost
  case rate
  case cpuPercent
  case core
  case tid
  case lastEvent
}

/// A line of the plain summary.
public enum SummaryField: Sendable, Equatable {
  case scenario
  case balance
  case lostUpdates
  case elapsed
  case operations
  case lock(String)
  case semaphore(String)
  case condition(String)
  /// A scenario's own figure, its label already in the language.
  case figure(String)
  case hang
  case deadlock
  case dropped
  case notStarted
  /// How many workers ran at once.
  case overlap
}
