import InterleaveContent
import InterleaveRuntime
import InterleaveTerminal
import InterleaveText

/// Walks a lesson's steps: each step's actions, then its wait, its reading
/// time and its claims, before the next. Pure: it is given the time and
/// what the dashboard shows, and answers with actions.
struct LessonDriver: Sendable {
  /// A claim that did not hold when its step's wait ended.
  struct Failure: Equatable, Sendable {
    var step: Int
    var claim: LessonClaim
    var seen: String
  }

  let lesson: Lesson
  let language: Language
  /// Lesson time per real time: 1 plays as written, 0.05 twenty times faster
  /// (waits, reading times and paced speeds alike).
  let timeScale: Double
  private(set) var index = -1
  private(set) var done = false
  private(set) var failures: [Failure] = []
  /// Claims checked, and how many held.
  private(set) var checked = 0
  private var stepStart: UInt64 = 0
  /// When the step's wait condition first held (for the result hold).
  private var conditionMet: UInt64?
  private var attempts = 0

  init(_ lesson: Lesson, language: Language, timeScale: Double = 1) {
    self.lesson = lesson
    self.language = language
    self.timeScale = timeScale
  }

  var step: LessonStep? { lesson.steps.indices.contains(index) ? lesson.steps[index] : nil }

  /// `ns` of lesson time in real time.
  func scaled(_ ns: UInt64) -> UInt64 { UInt64(Double(ns) * timeScale) }

  /// The step's caption in the lesson's language (the last one set).
  private var caption: String? { step?.caption?.text(language) }

  /// Moves on when the current step is over; returns what to do.
  mutating func advance(now: UInt64, seen: LessonObservation) -> [Action] {
    guard !done else { return [] }
    var actions: [Action] = []
    if let step {
      guard stepOver(step, now: now, seen: seen) else { return [] }
      let failed = step.expect.compactMap { claim -> Failure? in
        let (holds, what) = claim.check(seen)
        return holds ? nil : Failure(step: index + 1, claim: claim, seen: what)
      }
      if !failed.isEmpty, attempts < step.retry {
        attempts += 1
        stepStart = now
        conditionMet = nil
        return [
          .setUp(LessonSetup(always: true)),
          .notice(language.strings.rerun(attempts, of: step.retry)),
        ]
      }
      checked += step.expect.count
      failures += failed
    }
    index += 1
    attempts = 0
    conditionMet = nil
    stepStart = now
    guard let step else {
      done = true
      return [.notice(language.strings.lessonEnded), .marker(language.strings.lessonEndMarker)]
    }
    let strings = language.strings
    let title = lesson.title.text(language)
    if let speed = step.speed { actions.append(.setSpeed(scaled(speed))) }
    if let theme = step.theme { actions.append(.setTheme(theme)) }
    if let caption = step.caption { actions.append(.caption(caption.text(language))) }
    actions.append(
      .marker("\(index + 1)/\(lesson.steps.count): " + (lastCaption(through: index) ?? title)))
    if step.restartsRun {
      actions.append(
        .setUp(
          LessonSetup(
            scenario: step.scenario, threads: step.threads, iterations: step.iterations,
            seed: step.seed, always: index > 0)))
    }
    if let name = step.key, let key = KeyMap.key(named: name) { actions.append(.key(key)) }
    actions.append(.notice(strings.lessonNotice(title, step: index + 1, of: lesson.steps.count)))
    return actions
  }

  /// A paced speed scaled to lesson time.
  func scaled(_ speed: Speed) -> Speed {
    guard case .delay(let ns) = speed else { return speed }
    return .delay(max(1, scaled(ns)))
  }

  /// The caption shown during step `index` (a step without one keeps the last).
  private func lastCaption(through index: Int) -> String? {
    lesson.steps[...index].last { $0.caption != nil }?.caption?.text(language)
  }

  /// When the step is over: its wait has ended (or timed out), its caption
  /// has been up for its reading time, and a finished run's result for
  /// `resultHold`.
  private mutating func stepOver(_ step: LessonStep, now: UInt64, seen: LessonObservation) -> Bool {
    if step.wait != .none, conditionMet == nil, condition(step.wait, seen) { conditionMet = now }
    guard let end = end(of: step) else { return false }
    return now >= end
  }

  /// When the current step ends, as far as the clock can tell now (nil: it
  /// waits for an event that has not come).
  private func end(of step: LessonStep) -> UInt64? {
    let reading = stepStart &+ scaled(ReadingTime.of(lastCaption(through: index) ?? ""))
    switch step.wait {
    case .none: return reading
    case .duration(let ns): return max(reading, stepStart &+ scaled(ns))
    case .finished, .lostUpdate, .deadlock, .steps:
      if let met = conditionMet {
        let hold = step.wait == .finished ? scaled(LessonStep.resultHold) : 0
        return max(reading, met &+ hold)
      }
      return max(reading, stepStart &+ scaled(step.timeout))
    }
  }

  private func condition(_ wait: LessonWait, _ seen: LessonObservation) -> Bool {
    switch wait {
    case .none, .duration: return true
    case .finished: return seen.finished
    case .lostUpdate: return seen.lostSeen
    case .deadlock: return seen.deadlocked
    case .steps(let count): return seen.steps >= count
    }
  }

  /// The next moment the clock alone could end the step, so the frame loop
  /// wakes then (an event may end it sooner).
  func nextDeadline() -> UInt64? {
    guard !done else { return nil }
    guard let step else { return stepStart }
    return end(of: step)
  }
}
