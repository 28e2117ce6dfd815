/// Where a run is, as a whole.
public enum RunPhase: String, Sendable, Equatable, CaseIterable {
  case running
  case paused
  case finished
  /// Nobody can move: a wait-for cycle (or every thread waits).
  case deadlocked
  /// Everybody waits on a condition that nobody is left to notify.
  case hung
}
