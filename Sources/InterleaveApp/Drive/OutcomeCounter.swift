import InterleavePlatform
import InterleaveRuntime

/// Counts a fork's outcomes (`f`) on a thread of its own, so the screen
/// keeps answering keys while it counts (seconds, for a 3 x 3 race); the
/// session's loop collects the result, and closing the box stops it.
final class OutcomeCounter: Sendable {
  typealias Counted = Result<[ScheduleExplorer.Result], ScheduleExplorer.TooLarge>

  /// The step the count is from.
  let step: Int
  /// Read every 4,096 states: a lock costs little there.
  private let stop = LockedBox(false)
  private let result = LockedBox<Counted?>(nil)
  private let thread = LockedBox<OSThread?>(nil)

  /// Starts counting; nil when the system will not start a thread.
  init?(_ count: DriveModel.ForkCount) {
    step = count.step
    let spawned = OSThread.spawn { [stop, result] in
      let counted = count.run { stop.withLockedValue { $0 } }
      result.withLockedValue { $0 = counted }
    }
    guard let spawned else { return nil }
    thread.withLockedValue { $0 = spawned }
  }

  /// The count, once it is done (the thread joined); nil while it runs.
  func take() -> Counted? {
    guard let counted = result.withLockedValue({ $0 }) else { return nil }
    join()
    return counted
  }

  /// Stops the count and waits for its thread.
  func cancel() {
    stop.withLockedValue { $0 = true }
    join()
  }

  private func join() {
    thread.withLockedValue { thread in
      thread?.join()
      thread = nil
    }
  }
}
