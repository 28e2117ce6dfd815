import InterleaveRuntime

/// What the session's shell does after the model has taken an action: the
/// only part that touches threads, the screen and the recording.
enum Effect: Equatable, Sendable {
  /// Cancel and join the current run, then start the model's configuration.
  case startRun
  case pause
  case resume
  /// Let one step run (the run is paused).
  case allowStep
  /// Driving: these threads (1-based) take the next steps, in order.
  case take([Int])
  case setSpeed(Speed)
  /// Use the model's current theme.
  case useTheme
  case redraw
  case marker(String)
  case saveSnapshot(String?)
  /// Driving: count the outcomes reachable from here, off the UI thread.
  case countOutcomes(DriveModel.ForkCount)
  /// Stop a count in progress (the box was closed).
  case stopCounting
  case quit

  /// The effects of several actions at once, with what a later restart
  /// makes moot left out: earlier restarts, and pacing and chapter markers
  /// for runs that are replaced before they are seen.
  var isSnapshot: Bool {
    if case .saveSnapshot = self { return true }
    return false
  }

  static func coalesced(_ effects: [Effect]) -> [Effect] {
    guard let last = effects.lastIndex(of: .startRun) else { return effects }
    let kept = effects[..<last].filter {
      $0 == .useTheme || $0 == .redraw || $0 == .quit || $0.isSnapshot
    }
    return kept + effects[last...]
  }
}
