import InterleaveRuntime

/// One outcome of an exploration: how many schedules reach it, the
/// simplest of them, and what real threads did.
struct ExploreRow {
  var outcome: Outcome
  /// Zero for an outcome real threads reached that the count did not.
  var schedules: ScheduleCount
  /// The fewest-preemption schedule (1-based threads); empty when not counted.
  var witness: [Int]
  var preemptions: Int
  var replay: Replay = .skipped
  /// Seeded runs that ended so (`--observe`).
  var seeded = 0
  /// Full-speed runs that ended so (`--observe`).
  var fullSpeed = 0
  /// Real-thread runs of every schedule that ended so (`--replay-all`).
  var replayedAll = 0
  /// The schedule file written for it (`--save-schedules`).
  var file: String?

  /// What the witness did on real threads.
  enum Replay: Equatable {
    case skipped
    /// Ended as counted.
    case agreed
    /// Ended otherwise, or (nil) the threads could not follow it.
    case disagreed(Outcome?)
  }
}
