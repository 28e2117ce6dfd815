/// Decides which runnable thread takes the next step.
///
/// Called by `StepScheduler` with its mutex held, one call per step, so an
/// implementation needs no locking of its own.
public protocol ScheduleChooser: AnyObject {
  /// - Parameters:
  ///   - runnable: the threads that may step now, in ascending order (never empty).
  ///   - step: the 0-based number of this step in the run.
  /// - Returns: one of `runnable`, or nil to wait: the scheduler asks again
  ///   when told to (`StepScheduler.take`).
  /// - Throws: `ScheduleError` when the schedule cannot go on.
  func choose(among runnable: [Int], step: Int) throws(ScheduleError) -> Int?
}

/// A schedule that does not fit the run.
public struct ScheduleError: Error, Equatable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// Picks with a seeded generator: same seed, same choices.
public final class SeededChooser: ScheduleChooser {
  private var generator: SplitMix64

  public init(seed: UInt64) { generator = SplitMix64(seed: seed) }

  public func choose(among runnable: [Int], step: Int) throws(ScheduleError) -> Int? {
    runnable[Int(generator.next() % UInt64(runnable.count))]
  }
}

/// Replays a recorded thread order, step by step.
public final class ReplayChooser: ScheduleChooser {
  private let order: [Int]

  public init(order: [Int]) { self.order = order }

  public func choose(among runnable: [Int], step: Int) throws(ScheduleError) -> Int? {
    guard step < order.count else {
      throw ScheduleError("the schedule ends at step \(order.count) but the run goes on")
    }
    let thread = order[step]
    guard runnable.contains(thread) else {
      throw ScheduleError(
        "step \(step + 1): thread \(thread) cannot run now (runnable: "
          + runnable.map(String.init).joined(separator: ", ") + ")")
    }
    return thread
  }
}

/// Follows a prefix of option indices, then always takes the first option,
/// remembering how many options each step had: one path of a depth-first
/// walk over every schedule.
public final class PathChooser: ScheduleChooser {
  private let prefix: [Int]
  /// (option taken, options available) at every step of the run.
  public private(set) var path: [(taken: Int, options: Int)] = []

  public init(prefix: [Int]) { self.prefix = prefix }

  public func choose(among runnable: [Int], step: Int) throws(ScheduleError) -> Int? {
    let option = step < prefix.count ? prefix[step] : 0
    guard option < runnable.count else {
      throw ScheduleError("step \(step + 1) has \(runnable.count) options, not \(option + 1)")
    }
    path.append((option, runnable.count))
    return runnable[option]
  }

  /// The prefix of the next path in depth-first order, or nil when this was the last.
  public func nextPrefix() -> [Int]? {
    var next = path
    while let last = next.last {
      if last.taken + 1 < last.options {
        return next.dropLast().map(\.taken) + [last.taken + 1]
      }
      next.removeLast()
    }
    return nil
  }
}
