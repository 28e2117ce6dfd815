import InterleaveContent
import InterleavePlatform
import InterleaveProgram
import InterleaveText

/// Where a program lesson stands: which step, what its schedule has left,
/// whether its wait is over, and the claims that did not hold. Pure: the
/// dashboard asks it what to do next (`next`) and does it.
struct ProgramLessonState {
  /// What the dashboard does next for the lesson.
  enum Move: Equatable {
    /// Start step `index`: a fresh run of `program` when it names one.
    case begin(index: Int)
    /// Thread `slot` takes a step of the schedule.
    case step(Int)
    /// The step's wait is over: check its claims.
    case check
    /// Nothing yet.
    case wait
    /// The lesson is over.
    case end
  }

  typealias Failure = LessonDriver.Failure

  let lesson: Lesson
  /// Each step's program, compiled (nil: the step keeps the run going).
  let programs: [Program?]
  let language: Language
  let timeScale: Double
  private(set) var index = -1
  private var started: UInt64 = 0
  private var schedule: [Int] = []
  private var lastStep: UInt64 = 0
  /// When the wait began (nil: the schedule is still going) and ended.
  private var waitFrom: UInt64?
  private var waitEnded: UInt64?
  private(set) var failures: [Failure] = []
  private(set) var checked = 0

  /// Each challenge step's challenge, ready to play.
  let challenges: [Int: ChallengeSetup]
  /// Whether a challenge step plays its solution itself (no learner at the keys).
  let autoplay: Bool

  init(
    lesson: Lesson, programs: [Program?], language: Language, timeScale: Double,
    challenges: [Int: ChallengeSetup] = [:], autoplay: Bool = false
  ) {
    self.lesson = lesson
    self.programs = programs
    self.language = language
    self.timeScale = timeScale
    self.challenges = challenges
    self.autoplay = autoplay
  }

  /// A win as a challenge says it, for the time it stays up.
  private var challengeWonExample: String {
    ChallengeWords.of(language).won(12, 2, 1, "0 1x3 2x4 1x2")
  }

  /// The challenge of the step being played, if it is a challenge step.
  var challenge: ChallengeSetup? { challenges[index] }

  var step: LessonStep? { lesson.steps.indices.contains(index) ? lesson.steps[index] : nil }
  var caption: String? { step?.caption?.text(language) }

  /// How long after the wait the step's caption stays up, at least.
  private func reading(_ step: LessonStep) -> UInt64 {
    // A challenge step's caption is the challenge's story and goal.
    let text = step.caption?.text(language) ?? challenge?.challenge.story.text(language)
    return scaled(text.map { ReadingTime.of($0) } ?? 0)
  }

  private func scaled(_ ns: UInt64) -> UInt64 { UInt64(Double(ns) * timeScale) }

  /// What to do now, given the run as it stands (`seen`: the screen and
  /// the program's globals).
  mutating func next(now: UInt64, seen: LessonObservation) -> Move {
    guard let step else { return begin(now) }
    if !schedule.isEmpty {
      let every = scaled(1_000_000_000 / UInt64(step.rate ?? 2))
      guard now &- lastStep >= every else { return .wait }
      // Due times, not the time asked: a fast rate takes several a frame.
      lastStep = max(lastStep &+ every, now &- 1_000_000_000)
      return .step(schedule.removeFirst())
    }
    guard let ended = waitEnded else {
      // The wait starts once the schedule is done, a frame later: what it
      // looks at is then on screen.
      guard let from = waitFrom else {
        waitFrom = now
        return .wait
      }
      var over: Bool
      switch step.wait {
      case .none: over = true
      case .duration(let ns): over = now &- from >= scaled(ns)
      case .finished: over = seen.finished
      case .deadlock: over = seen.deadlocked
      case .claim(let claim): over = claim.check(seen).holds
      case .lostUpdate, .steps: over = true
      }
      // A challenge step lasts until the challenge is won or skipped.
      if step.challenge != nil { over = seen.challengeDone }
      if over || now &- from >= step.timeout {
        waitEnded = now
        return .check
      }
      return .wait
    }
    // The caption stays up long enough to read, and a result a moment more.
    // A challenge's win is said at length: the steps, the preemptions, the schedule.
    let hold =
      step.challenge != nil
      ? scaled(max(LessonStep.resultHold, ReadingTime.of(challengeWonExample)))
      : step.wait == .finished ? scaled(LessonStep.resultHold) : 0
    guard now >= max(ended &+ hold, started &+ reading(step)) else { return .wait }
    return begin(now)
  }

  private mutating func begin(_ now: UInt64) -> Move {
    guard index + 1 < lesson.steps.count else { return .end }
    index += 1
    started = now
    lastStep = now
    waitEnded = nil
    waitFrom = nil
    schedule =
      lesson.steps[index].schedule ?? (autoplay ? challenges[index]?.demonstration : nil) ?? []
    return .begin(index: index)
  }

  /// The step's caption is up (its marker written) at `now`, after its
  /// program was started afresh: its reading time counts from here.
  mutating func captionShown(at now: UInt64) {
    started = now
    lastStep = now
  }

  /// A step of the schedule that the thread could not take (a key the
  /// lesson pressed took the run elsewhere): a failure of the step.
  mutating func refused(_ slot: Int) {
    guard let step else { return }
    let claim = LessonClaim(
      kind: .finished, text: "schedule: thread \(slot) takes a step", line: step.line)
    failures.append(Failure(step: index + 1, claim: claim, seen: "thread \(slot) cannot go"))
  }

  /// Checks the step's claims against what is seen now.
  mutating func check(_ seen: LessonObservation) {
    guard let step else { return }
    // A wait that ended by its timeout is a failure of its own.
    var waited: LessonClaim?
    switch step.wait {
    case .claim(let claim): waited = claim
    case .finished: waited = LessonClaim(kind: .finished, text: "wait finished", line: step.line)
    case .deadlock: waited = LessonClaim(kind: .deadlock, text: "wait deadlock", line: step.line)
    default: break
    }
    if let waited, !waited.check(seen).holds {
      failures.append(Failure(step: index + 1, claim: waited, seen: waited.check(seen).seen))
    }
    for claim in step.expect {
      checked += 1
      let (holds, what) = claim.check(seen)
      if !holds { failures.append(Failure(step: index + 1, claim: claim, seen: what)) }
    }
  }
}
