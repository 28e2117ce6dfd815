import InterleaveDashboard
import InterleaveRuntime

/// Walks a lesson's steps: applies each, then waits for its condition (or
/// its timeout) before the next.
final class LessonPlayer {
  let lesson: Lesson
  private var index = -1
  private var stepStart: UInt64 = 0
  private(set) var done = false

  init(_ lesson: Lesson) { self.lesson = lesson }

  /// Moves to the next step when the current one's wait is over.
  func advance(_ session: DashboardSession, now: UInt64) {
    guard !done else { return }
    if index >= 0 {
      let step = lesson.steps[index]
      let elapsed = now &- stepStart
      guard satisfied(step.wait, session, elapsed: elapsed) || timedOut(step, elapsed: elapsed)
      else { return }
    }
    index += 1
    guard index < lesson.steps.count else {
      done = true
      session.lessonEnded()
      return
    }
    session.apply(
      lesson.steps[index], number: index + 1, of: lesson.steps.count,
      title: lesson.title.text(session.language))
    stepStart = now
  }

  private func satisfied(_ wait: LessonWait, _ session: DashboardSession, elapsed: UInt64) -> Bool {
    switch wait {
    case .none: return true
    case .duration(let ns): return elapsed >= ns
    case .finished: return session.state.runState == .finished
    case .lostUpdate: return session.lostSeen
    case .deadlock: return session.state.deadlock != nil
    case .steps(let count): return session.totalSteps >= count
    }
  }

  private func timedOut(_ step: LessonStep, elapsed: UInt64) -> Bool {
    if case .duration = step.wait { return false }
    return elapsed >= step.timeout
  }
}
