/// The learner is the scheduler: the steps of `plan` are taken at once (a
/// prefix replayed after an undo), then each step waits until someone
/// names its thread through `StepScheduler.take`.
public final class DriveChooser: ScheduleChooser {
  /// Every step chosen so far and still to come, in order.
  private var plan: [Int]

  public init(plan: [Int] = []) { self.plan = plan }

  public func choose(among runnable: [Int], step: Int) throws(ScheduleError) -> Int? {
    guard step < plan.count else { return nil }
    let thread = plan[step]
    guard runnable.contains(thread) else {
      throw ScheduleError(
        "step \(step + 1): thread \(thread) cannot run now (runnable: "
          + runnable.map(String.init).joined(separator: ", ") + ")")
    }
    return thread
  }

  /// Adds steps to take (called with the scheduler's mutex held).
  func append(_ threads: [Int]) { plan += threads }
}
