import InterleaveRuntime

/// The words of the scenarios beyond the seed (condition, semaphore, gil,
/// reorder, process): their events and their panel's figures. A part of
/// `Strings`.
public protocol ScenarioStrings {
  /// `cond.wait()`: the lock let go, waiting.
  func conditionWaits(_ condition: String) -> String
  /// Woken by a notify (takes the lock next).
  func notified(_ condition: String) -> String
  /// `notify()` / `notify_all()` and whom it woke.
  func notifies(_ condition: String, all: Bool, woken: Int) -> String
  /// `buffer.append(item)`, `items` in the buffer after it.
  func puts(items: Int) -> String
  /// `buffer.pop(0)`, `items` left after it.
  func takes(items: Int) -> String
  /// The thread raised a Python error and ended.
  /// A pane's last line for a thread that raised: it ended by the error.
  func endedBy(_ error: ModelError) -> String
  func raised(_ error: ModelError) -> String
  /// Every live thread waits on a condition nobody will notify.
  func hang(waiting: Int) -> String
  /// A pool connection taken (`delta` 1) or given back, `count` in use after.
  func inUse(delta: Int, count: Int) -> String
  func bytecode(_ bytecode: Bytecode) -> String
  var gilSwitch: String { get }
  /// `x = 1` (a store to cell `cell`).
  func stores(cell: Int, value: Int) -> String
  /// `r1 = y` (thread `thread`'s load of cell `cell`).
  func loads(cell: Int, value: Int, thread: Int) -> String
  /// A child process started (its pid is in the pane's title).
  func spawned(pid: Int32) -> String
  /// A pane's id label for a child process (`pid 123`).
  func pid(_ pid: Int32) -> String
  /// A semaphore's state in the primitives panel: `1 of 2 permits left`.
  func permitsLeft(_ permits: Int, of capacity: Int) -> String
  /// The threads holding a semaphore's permits.
  func holding(_ names: [String]) -> String
  /// A condition's counts: waits and notifies.
  func conditionCounts(waits: String, notifies: String) -> String
  /// A semaphore's line in the plain summary.
  func semaphoreLine(_ lock: PrimitiveSnapshot, contention: String) -> String
  /// A condition's empty wait queue.
  var nobodyWaits: String { get }
  /// The scenario list's title and its keys.
  var pickerTitle: String { get }
  var pickerKeys: String { get }
  /// The title of the scenario's panel.
  func figuresTitle(_ scenario: String) -> String
  /// One figure, as lines of the panel.
  func figure(_ figure: ScenarioFigure, names: (Int) -> String) -> [String]
  /// A summary line's label and value for a figure (plain text output).
  func summary(_ figure: ScenarioFigure, names: (Int) -> String) -> [(String, String)]
}
