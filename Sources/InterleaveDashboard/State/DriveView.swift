import InterleaveRuntime

/// What drive mode shows: each worker's next step, where the run is, and
/// (after `f`) every outcome still reachable.
public struct DriveView: Equatable, Sendable {
  /// Per worker, in order: what its next step will do.
  public var previews: [StepPreview]
  /// Per worker: whether it may take that step now.
  public var runnable: [Bool]
  /// Steps taken so far.
  public var steps: Int
  /// The model's names for its shared cells (`balance`).
  public var cellNames: [String]
  public var fork: ForkView?

  public init(
    previews: [StepPreview], runnable: [Bool], steps: Int, cellNames: [String],
    fork: ForkView? = nil
  ) {
    self.previews = previews
    self.runnable = runnable
    self.steps = steps
    self.cellNames = cellNames
    self.fork = fork
  }

  /// Whether no thread can step: the run has ended (or is stuck).
  public var isOver: Bool { !runnable.contains(true) }
}

/// Every outcome still reachable from the current step, as `f` shows it.
public struct ForkView: Equatable, Sendable {
  public struct Row: Equatable, Sendable {
    public var outcome: Outcome
    /// The number of schedules, in groups of three digits.
    public var schedules: String
    /// Share of all schedules from here, 0...1.
    public var share: Double
    public var preemptions: Int
    public var correct: Bool

    public init(
      outcome: Outcome, schedules: String, share: Double, preemptions: Int, correct: Bool
    ) {
      self.outcome = outcome
      self.schedules = schedules
      self.share = share
      self.preemptions = preemptions
      self.correct = correct
    }
  }

  /// All schedules from here, grouped.
  public var total: String
  public var rows: [Row]
  public var selected = 0
  /// Set when there were too many states to count: the limit, grouped.
  public var tooLarge: String?

  /// The count is still running (off the UI thread).
  public var counting = false

  public init(total: String, rows: [Row], tooLarge: String? = nil, counting: Bool = false) {
    self.counting = counting
    self.total = total
    self.rows = rows
    self.tooLarge = tooLarge
  }
}
