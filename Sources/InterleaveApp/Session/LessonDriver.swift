import InterleaveContent
import InterleaveRuntime
import InterleaveTerminal
import InterleaveText

/// Walks a lesson's steps. Each step applies its settings, caption and key,
/// then waits; when the wait ends (its event, its duration, or its timeout)
/// the step's claims are checked, and a step whose claims depend on luck
/// runs again. The step then stays up until its caption's reading time has
/// passed, and a finished run's result for `resultHold` more.
///
/// Pure: it is given the time and what the dashboard shows, and answers
/// with actions.
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
  /// When each step's picture is saved, if at all.
  var snapshotAt: SnapshotMoment?

  /// When a lesson step's picture is taken.
  enum SnapshotMoment: String, CaseIterable, Sendable {
    /// As the step ends, just before the next caption: what a viewer saw last.
    case marker
    /// When the step's wait ends (its run finished, its event came).
    case finished
  }
  private(set) var index = -1
  private(set) var done = false
  private(set) var failures: [Failure] = []
  /// Claims checked so far.
  private(set) var checked = 0
  private var stepStart: UInt64 = 0
  /// The steps of the current run (from the step that started it to the
  /// one before the next that restarts it): their claims say which
  /// standing troubles the run means to show.
  private var runSteps: Range<Int> = 0..<0
  /// Standing troubles already reported for the current run.
  private var reported: Set<StandingClaims.Trouble> = []
  /// When the step's wait ended (its claims were checked then).
  private var waitEnded: UInt64?
  private var attempts = 0

  init(_ lesson: Lesson, language: Language, timeScale: Double = 1) {
    self.lesson = lesson
    self.language = language
    self.timeScale = timeScale
  }

  /// The marker of the step just started, until the recording has it.
  private var pendingMarker: String?

  /// The recording wrote `label` at `time`: if it is this step's marker, the
  /// step's clock starts there, so the cast shows each caption its full
  /// reading time even when the marker was written late.
  mutating func markerWritten(_ label: String, at time: UInt64) {
    guard label == pendingMarker else { return }
    pendingMarker = nil
    if time > stepStart { stepStart = time }
  }

  /// The current step's picture's name: `step-03`.
  private var snapshotName: String {
    let number = index + 1
    return "step-" + (number < 10 ? "0\(number)" : "\(number)")
  }

  var step: LessonStep? { lesson.steps.indices.contains(index) ? lesson.steps[index] : nil }

  /// `ns` of lesson time in real time.
  func scaled(_ ns: UInt64) -> UInt64 { UInt64(Double(ns) * timeScale) }

  /// A paced speed scaled to lesson time.
  func scaled(_ speed: Speed) -> Speed {
    guard case .delay(let ns) = speed else { return speed }
    return .delay(max(1, scaled(ns)))
  }

  /// Moves the lesson on; returns what to do.
  mutating func advance(now: UInt64, seen: LessonObservation) -> [Action] {
    guard !done else { return [] }
    if let step {
      checkStanding(step, seen: seen)
      if waitEnded == nil, waitIsOver(step, now: now, seen: seen) {
        waitEnded = now
        let failed = step.expect.compactMap { claim -> Failure? in
          let (holds, what) = claim.check(seen)
          return holds ? nil : Failure(step: index + 1, claim: claim, seen: what)
        }
        if !failed.isEmpty, attempts < step.retry {
          attempts += 1
          stepStart = now
          waitEnded = nil
          reported = []
          return [
            .setUp(LessonSetup(always: true)),
            .notice(language.strings.rerun(attempts, of: step.retry)),
          ]
        }
        checked += step.expect.count
        failures += failed
        if let missed = Self.timedOut(step, seen: seen) {
          fail(step, "its wait ends by what it waits for, not its timeout", seen: missed)
        }
        var actions: [Action] = step.pause ? [.pause] : []
        // "Running again" was about the attempt before this one: it goes.
        if attempts > 0 { actions.append(.notice(nil)) }
        if snapshotAt == .finished { actions.append(.saveSnapshot(snapshotName)) }
        if !actions.isEmpty { return actions }
      }
      guard let end = end(of: step), now >= end else { return [] }
      if snapshotAt == .marker {
        return [.saveSnapshot(snapshotName)] + start(step: index + 1, now: now, seen: seen)
      }
    }
    return start(step: index + 1, now: now, seen: seen)
  }

  /// Starts step `next` (or ends the lesson after the last).
  private mutating func start(step next: Int, now: UInt64, seen: LessonObservation) -> [Action] {
    index = next
    attempts = 0
    waitEnded = nil
    stepStart = now
    if index == 0 || step?.restartsRun == true {
      let steps = lesson.steps
      let end = steps.indices.dropFirst(index + 1).first { steps[$0].restartsRun } ?? steps.count
      runSteps = index..<max(index, end)
      reported = []
    }
    let strings = language.strings
    guard let step else {
      done = true
      return [.notice(strings.lessonEnded), .marker(strings.lessonEndMarker)]
    }
    // Looked at as the caption goes up, before the step's key moves the run.
    checkNotTooLate(step, seen: seen)
    let title = lesson.title.text(language)
    var actions: [Action] = []
    if let speed = step.speed { actions.append(.setSpeed(scaled(speed))) }
    if let theme = step.theme { actions.append(.setTheme(theme)) }
    if let caption = step.caption { actions.append(.caption(caption.text(language))) }
    let marker = "\(index + 1)/\(lesson.steps.count): " + (caption ?? title)
    pendingMarker = marker
    actions.append(.marker(marker))
    if step.restartsRun {
      actions.append(
        .setUp(
          LessonSetup(
            scenario: step.scenario, options: step.options, threads: step.threads,
            iterations: step.iterations, seed: step.seed, always: index > 0)))
    }
    if let name = step.key, let key = KeyMap.key(named: name) { actions.append(.key(key)) }
    actions.append(.notice(strings.lessonNotice(title, step: index + 1, of: lesson.steps.count)))
    return actions
  }

  /// Records, once a run, each standing trouble on screen now that none
  /// of the run's steps claims (see `StandingClaims`).
  private mutating func checkStanding(_ step: LessonStep, seen: LessonObservation) {
    for (trouble, what) in StandingClaims.troubles(seen) where !reported.contains(trouble) {
      guard !StandingClaims.allows(trouble, steps: lesson.steps[runSteps]) else { continue }
      reported.insert(trouble)
      fail(
        step,
        "no \(trouble.rawValue) unless claimed" + (trouble.claimed.map { " (\($0))" } ?? ""),
        seen: what)
    }
  }

  /// Records a failure of a rule every step keeps, written nowhere: it is
  /// reported at the step's `[[steps]]` line.
  private mutating func fail(_ step: LessonStep, _ rule: String, seen: String) {
    let claim = LessonClaim(kind: .finished, text: rule, line: step.line, column: 1)
    failures.append(Failure(step: index + 1, claim: claim, seen: seen))
  }

  /// A step that goes on with the run and waits for something must begin
  /// before it has happened: else its caption speaks over what is already
  /// over (both threads' rounds done before "only then does the other
  /// thread get the lock" went up).
  private mutating func checkNotTooLate(_ step: LessonStep, seen: LessonObservation) {
    guard !step.restartsRun, index > 0 else { return }
    let happened: String?
    switch step.wait {
    case .finished: happened = seen.finished ? "the run had finished" : nil
    case .lostUpdate: happened = seen.lostSeen ? "the lost update had happened" : nil
    case .deadlock: happened = seen.deadlocked ? "the deadlock had happened" : nil
    case .none, .duration, .steps, .claim: happened = nil
    }
    guard let happened else { return }
    fail(step, "the caption goes up before what it waits for", seen: happened + " when it went up")
  }

  /// The caption shown during the current step (a step without one keeps the last).
  private var caption: String? {
    guard index >= 0 else { return nil }
    return lesson.steps[...min(index, lesson.steps.count - 1)].last { $0.caption != nil }?
      .caption?.text(language)
  }

  /// Whether the step's wait has ended: its event came, its duration
  /// passed, or it timed out.
  private func waitIsOver(_ step: LessonStep, now: UInt64, seen: LessonObservation) -> Bool {
    let elapsed = now &- stepStart
    switch step.wait {
    case .none: return true
    case .duration(let ns): return elapsed >= scaled(ns)
    case .finished: return seen.finished || elapsed >= step.timeout
    case .lostUpdate: return seen.lostSeen || elapsed >= step.timeout
    case .deadlock: return seen.deadlocked || elapsed >= step.timeout
    case .steps(let count): return seen.steps >= count || elapsed >= step.timeout
    case .claim(let claim): return claim.check(seen).holds || elapsed >= step.timeout
    }
  }

  /// What a wait that ended without its event waited for (it timed out).
  static func timedOut(_ step: LessonStep, seen: LessonObservation) -> String? {
    switch step.wait {
    case .none, .duration: return nil
    case .finished: return seen.finished ? nil : "the run had not finished"
    case .lostUpdate: return seen.lostSeen ? nil : "no lost update"
    case .deadlock: return seen.deadlocked ? nil : "no deadlock"
    case .steps(let count): return seen.steps >= count ? nil : "\(seen.steps) of \(count) steps"
    case .claim(let claim): return claim.check(seen).holds ? nil : claim.check(seen).seen
    }
  }

  /// When the current step ends, as far as the clock can tell now (nil: its
  /// wait has not ended yet).
  private func end(of step: LessonStep) -> UInt64? {
    let reading = stepStart &+ scaled(ReadingTime.of(caption ?? ""))
    guard let waitEnded else {
      // A duration ends by the clock alone.
      if case .duration(let ns) = step.wait { return max(reading, stepStart &+ scaled(ns)) }
      return nil
    }
    let hold = step.wait == .finished ? scaled(LessonStep.resultHold) : 0
    return max(reading, waitEnded &+ hold)
  }

  /// Whether the run should step in lockstep with the frames that observe
  /// it: the current step pauses when an event comes, and the pause must
  /// land on that event however late a frame is (a loaded machine, a
  /// twenty-times-faster check), not some steps after it.
  var holdsSteps: Bool {
    guard let step, step.pause, waitEnded == nil else { return false }
    switch step.wait {
    case .none, .duration, .finished: return false
    case .lostUpdate, .deadlock, .steps, .claim: return true
    }
  }

  /// The next moment the clock alone could move the lesson on, so the frame
  /// loop wakes then (an event may move it sooner).
  func nextDeadline() -> UInt64? {
    guard !done else { return nil }
    guard let step else { return stepStart }
    if let end = end(of: step) { return end }
    return stepStart &+ step.timeout
  }
}
