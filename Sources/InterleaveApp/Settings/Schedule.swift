import InterleaveRuntime
import InterleaveText

/// How a run is scheduled when it goes one step at a time.
enum Schedule: Equatable, Sendable {
  case seeded(UInt64)
  /// A thread order to follow, and the flag that gave it (`--schedule-in
  /// FILE`, or `--schedule` with its text).
  case replay([Int], flag: String)
  /// The learner chooses each step; these were taken already.
  case driven([Int])

  /// A fresh chooser (each run, and each restart, starts the schedule over).
  func chooser() -> ScheduleChooser {
    switch self {
    case .seeded(let seed): return SeededChooser(seed: seed)
    case .replay(let order, _): return ReplayChooser(order: order)
    case .driven(let order): return DriveChooser(plan: order)
    }
  }

  /// What the dashboard's header shows.
  func label(_ strings: any Strings) -> String {
    switch self {
    case .seeded(let seed): return strings.seed(seed)
    case .replay(let order, _):
      let text = ScheduleString.text(order)
      let cut = text.count > 24 ? String(text.prefix(23)) + "…" : text
      return strings.replay(cut)
    case .driven(let order): return strings.driving(steps: order.count)
    }
  }

  /// The flag that asked for it, for error messages.
  var flag: String {
    switch self {
    case .seeded: return "--seed"
    case .replay(_, let flag): return flag
    case .driven: return "--drive"
    }
  }

  /// What is wrong when a finished run used the schedule differently.
  func problem(after order: [Int]) -> String? {
    guard case .replay(let expected, _) = self, order.count < expected.count else { return nil }
    return "the run ended after step \(order.count) but the schedule has \(expected.count) steps"
  }
}
