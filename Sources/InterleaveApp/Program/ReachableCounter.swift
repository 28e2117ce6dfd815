import InterleavePlatform
import InterleaveProgram

/// Counts the outcomes still reachable off the frame loop: one count at a
/// time on a thread of its own, the newest request next, so a learner's
/// keys never wait for it.
final class ReachableCounter: Sendable {
  /// Each outcome, marked when its schedules reach the goal (a challenge's).
  typealias Outcomes = [(outcome: String, schedules: UInt64?, marked: Bool)]

  private struct State {
    var busy = false
    /// The newest request not yet started: its step count and stepper.
    var wanted: (step: Int, stepper: ProgramStepper)?
    /// The newest count done: its step count and outcomes (nil: too many).
    var done: (step: Int, outcomes: Outcomes?)?
    var threads: [OSThread] = []
  }

  private let state = LockedBox(State())
  private let limit: Int
  private let goal: ChallengeGoal?

  init(limit: Int, goal: ChallengeGoal? = nil) {
    self.limit = limit
    self.goal = goal
  }

  /// Asks for the count at step `step` of `stepper`.
  func request(step: Int, stepper: ProgramStepper) {
    let (start, done) = state.withLockedValue { state -> (Bool, [OSThread]) in
      state.wanted = (step, stepper)
      guard !state.busy else { return (false, []) }
      state.busy = true
      // The workers before have handed back their last count: join them
      // (each is at its return), so an idle spell leaves no thread behind.
      defer { state.threads = [] }
      return (true, state.threads)
    }
    for thread in done { thread.join() }
    if start, let thread = OSThread.spawn({ [self] in work() }) {
      state.withLockedValue { $0.threads.append(thread) }
    } else if start {
      state.withLockedValue { $0.busy = false }
    }
  }

  /// The count for step `step`: nil while it is being counted.
  func outcomes(at step: Int) -> Outcomes?? {
    state.withLockedValue { state in
      guard let done = state.done, done.step == step else { return nil }
      return .some(done.outcomes)
    }
  }

  /// Waits for the counting thread to end.
  func stop() {
    let threads = state.withLockedValue { state -> [OSThread] in
      state.wanted = nil
      defer { state.threads = [] }
      return state.threads
    }
    for thread in threads { thread.join() }
  }

  private func work() {
    while true {
      let next = state.withLockedValue { state -> (step: Int, stepper: ProgramStepper)? in
        defer { state.wanted = nil }
        if state.wanted == nil { state.busy = false }
        return state.wanted
      }
      guard let next else { return }
      let outcomes = next.stepper.reachable(limit: limit, goal: goal)
      state.withLockedValue { $0.done = (next.step, outcomes) }
    }
  }
}
