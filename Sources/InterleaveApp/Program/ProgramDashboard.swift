import Glibc
import InterleaveContent
import InterleaveDashboard
import InterleavePlatform
import InterleaveProgram
import InterleaveRuntime
import InterleaveTerminal
import InterleaveText

/// `interleave run FILE.py` in a terminal: the program on its real threads,
/// paused before its first step; the learner steps threads (`n` for the
/// next one in turn, a digit for that thread), lets it step on its own
/// (space), or lets it go at full speed (`f`).
struct ProgramDashboard {
  var file: String
  private(set) var stepper: ProgramStepper
  var makeStepper: () -> ProgramStepper
  /// A program lesson being played, and how to run each of its programs.
  var lesson: ProgramLessonState?
  /// A challenge being played: the learner steps the threads towards its goal.
  var challenge: ChallengeState? {
    didSet {
      // Its counts also say how many schedules from here reach the goal.
      if oldValue?.setup.challenge.file != challenge?.setup.challenge.file {
        counter.stop()
        counter = ReachableCounter(limit: Self.countLimit, goal: challenge?.setup.goal)
        countedAt = -1
      }
    }
  }
  /// Called when a challenge's goal is reached (its name, steps,
  /// preemptions, and whether the solution's steps were taken), and when
  /// it is left with the last try when it never was.
  var onChallengeResult:
    (_ name: String, _ won: Bool, _ steps: Int, _ preemptions: Int, _ helped: Bool) -> Void = {
      _, _, _, _, _ in
    }
  var stepperFor: (Program) -> ProgramStepper = { ProgramStepper(program: $0, cpuCount: 2) }
  /// Called with a recording's chapter marker: as each lesson step
  /// begins (`2/7: caption`), and at the lesson's end.
  var onLessonMarker: (String) -> Void = { _ in }
  /// Whether the dashboard ends with the lesson (headless, or checking)
  /// rather than staying up until `q`.
  var endsWithLesson = false
  private var lessonOver = false
  /// The rows last drawn (what a lesson's `visible:` claims read).
  private var drawn: [String] = []
  /// Counts the outcomes still reachable, off the frame loop.
  private var counter = ReachableCounter(limit: ProgramDashboard.countLimit)
  private var countedAt = -1
  /// Called before each frame (a recording follows the terminal's size and
  /// Ctrl-Z); false when the recording failed and the run must end.
  var betweenFrames: () -> Bool = { true }
  /// Why the last key did nothing (a thread that cannot go), until the next key.
  private var notice: String?
  /// Said in the footer once a lesson is over (`q` quits).
  private var lessonEndNotice: String?
  /// Steps taken on the threads in all (a recording's account).
  var stepsTaken: Int { stepsBefore + stepper.taken.count }
  private var stepsBefore = 0
  /// Changes with every step and undo: what a count belongs to.
  private var generation = 0
  let screen: any Screen
  let words: ProgramWords
  var pace: ProgramFrame.Pace = .paused
  var rate = 4
  var focus = 0
  /// Whether the focused thread's line is shown taken apart (`e`).
  var expanded = false
  /// The slot the last `n` or automatic step went to.
  private var turn = -1
  /// Beside each step taken (`stepper.taken`), the seconds it slept.
  private var slept: [Double?] = []
  private var lastStep: UInt64 = 0

  init(
    file: String, screen: any Screen, words: ProgramWords,
    makeStepper: @escaping () -> ProgramStepper
  ) {
    self.words = words
    self.file = file
    self.makeStepper = makeStepper
    self.stepper = makeStepper()
    self.screen = screen
  }

  /// Starts at `speed` (`--speed`): a pace of steps a second (paused at
  /// it, with `--paused`, until space), or free at full speed.
  mutating func start(at speed: Speed, paused: Bool) {
    switch speed {
    case .full: startsFree = true
    case .delay(let nanoseconds):
      rate = Int(min(256, max(1, 1_000_000_000 / max(nanoseconds, 1))))
      if !paused { pace = .stepping(rate) }
    }
  }

  /// Let go at full speed as soon as the threads are started (`--speed full`).
  private var startsFree = false

  /// Runs until `q` or a quit signal. Returns the exit status.
  mutating func loop() -> Int32 {
    guard stepper.start() else { return 1 }
    defer {
      leaveChallenge()
      stepper.stop()
      counter.stop()
    }
    stepped()
    if startsFree {
      pace = .free
      stepper.letGo()
    }
    while true {
      if let signal = screen.quitSignal { return 128 + signal }
      guard betweenFrames() else { return Session.ioError }
      var view = stepper.view()
      if challenge?.result == nil, view.ended || view.deadlock, !view.free {
        judgeChallenge()
        view = stepper.view()
      }
      if generation != countedAt, !view.free, !view.ended {
        countedAt = generation
        counter.request(step: generation, stepper: stepper)
      }
      // Empty while counting (nothing shown), nil when there are too many.
      let counted = counter.outcomes(at: generation) ?? []
      let reachable = counted.map(Self.merged)?.map { (view.realIdents($0.outcome), $0.schedules) }
      let goalLine = challenge.flatMap { challenge in
        counted.flatMap { $0.isEmpty ? nil : challenge.goalCount($0) }
      }
      let size = screen.size
      // The model's idents (1000 + n) as the real threads have them, as
      // in the threads box beside it.
      let lineSteps = expanded ? stepper.lineSteps(focus) : (taken: [], coming: [])
      let expansion = (
        lineSteps.taken.map { $0.mapValues(view.realIdents) },
        lineSteps.coming.map { $0.mapValues(view.realIdents) }
      )
      let canvas = ProgramFrame(
        file: file, source: stepper.program.sourceLines, view: view,
        pace: lessonDrives ? .lesson : pace, focus: focus,
        words: words, reachable: reachable, notice: notice ?? lessonEndNotice,
        expansion: expansion,
        caption: lesson?.caption ?? challenge?.caption,
        keys: challenge?.keys ?? (lessonDrives ? words.lessonKeys : nil),
        explainsDeadlock: challenge.map { $0.setup.goal.summary != .deadlock } ?? true,
        goalLine: challenge?.isOver == false ? goalLine : nil
      ).draw(width: size.width, height: size.height)
      screen.draw(canvas)
      drawn = canvas.lines
      if lesson != nil, !playLesson(view) { return 0 }
      if let key = screen.readKey(timeout: 50), !handle(key, view, byLearner: true) { return 0 }
      if case .stepping = pace, !view.ended, !view.deadlock { stepDue(view) }
    }
  }

  /// - Returns: false to quit.
  private mutating func handle(
    _ key: Key, _ view: ProgramStepper.View, byLearner: Bool = false
  ) -> Bool {
    notice = nil
    guard case .character(let character) = key else { return true }
    if byLearner, lessonDrives, "nfu +-".contains(character) || character.isWholeNumber {
      // The lesson takes the steps its captions speak of: a step of the
      // learner's own would leave them describing another run.
      notice = words.lessonTakesSteps
      return true
    }
    if let challenge, challenge.isOver, character == "n" || character.isWholeNumber {
      // Won, lost or over the budget: the try is what it was.
      notice = challenge.words.over
      return true
    }
    switch character {
    case "q", "Q": return false
    case "n":
      pace = .paused
      stepNext(view)
    case " ":
      if case .stepping = pace { pace = .paused } else if !view.free { pace = .stepping(rate) }
    case "+", "=":
      rate = min(rate * 2, 256)
      if case .stepping = pace { pace = .stepping(rate) }
    case "-":
      rate = max(rate / 2, 1)
      if case .stepping = pace { pace = .stepping(rate) }
    case "s" where challenge?.inLesson == true:
      challenge?.skipped = true
    case "h" where challenge != nil:
      challenge?.nextHint()
    case "w" where challenge != nil:
      let taken = stepper.taken
      switch challenge?.solution(taken: taken) ?? .none {
      case .back(let count): undo(view, keeping: count)
      case .step(let slot):
        pace = .paused
        focus = slot
        if take(slot) { stepped() }
      case .none: break
      }
    case "f" where challenge != nil, " " where challenge != nil:
      notice = challenge?.words.noFreeRun
    case "f":
      // Stuck for good: running freely would only say so again.
      guard !view.deadlock, !view.ended else { break }
      pace = .free
      stepper.letGo()
    case "e":
      expanded.toggle()
    case "u":
      if !view.free, view.steps == 0 { notice = words.nothingToUndo }
      undo(view)
    default:
      if let digit = character.wholeNumberValue, view.threads.indices.contains(digit) {
        focus = digit
        pace = .paused
        if take(digit) {
          stepped()
        } else if !view.free {
          let thread = view.threads[digit]
          notice =
            thread.state == .finished
            ? words.hasFinished(digit)
            : words.cannotGo(digit, thread.next.map(words.stepSaid) ?? "")
        }
      } else if let digit = character.wholeNumberValue, !view.free {
        notice = words.noSuchThread(digit, view.threads.count - 1)
      } else if character == "?" {
        notice = words.keysHelp
      } else if character.isLetter || character.isPunctuation || character.isSymbol {
        notice = words.keyNotHere(String(character))
      }
    }
    return true
  }

  /// The outcomes by their text (one marked and one not, as a critical
  /// section passed or not on the way, are one row), in order.
  static func merged(_ outcomes: ReachableCounter.Outcomes) -> [(
    outcome: String, schedules: UInt64?
  )] {
    var rows: [(outcome: String, schedules: UInt64?)] = []
    for (outcome, schedules, _) in outcomes {
      if let index = rows.firstIndex(where: { $0.outcome == outcome }) {
        rows[index].schedules = ProgramExplorer.add(rows[index].schedules, schedules)
      } else {
        rows.append((outcome, schedules))
      }
    }
    return rows
  }

  /// A lesson is playing and takes the steps itself (not a challenge step,
  /// where the learner does).
  private var lessonDrives: Bool { lesson != nil && !lessonOver && challenge == nil }

  /// States counted at most for the outcomes still reachable.
  static let countLimit = 20_000

  /// Takes back the last step: the program runs again on fresh threads
  /// and replays every step but that one (the real threads cannot go back).
  private mutating func undo(_ view: ProgramStepper.View, keeping count: Int? = nil) {
    guard !view.free, view.steps > 0 else { return }
    pace = .paused
    let replay = stepper.taken.prefix(count ?? max(0, stepper.taken.count - 1))
    stepper.stop()
    stepper = makeStepper()
    guard stepper.start() else { return }
    for slot in replay { stepper.step(slot) }
    slept = Array(slept.prefix(replay.count))
    turn = replay.last ?? -1
    stepped()
  }

  /// A challenge left unwon is still a try.
  private func leaveChallenge() {
    guard let challenge, !challenge.everWon, !stepper.taken.isEmpty else { return }
    onChallengeResult(
      challenge.setup.challenge.name, false, stepper.taken.count, stepper.preemptions,
      challenge.usedSolution)
  }

  /// After a step or an undo: what is counted belongs to a new moment, and
  /// a challenge learns whether its goal is reached.
  private mutating func stepped() {
    generation += 1
    judgeChallenge()
  }

  /// Tells the challenge where the run stands (after a step, and while the
  /// run's end is not yet known: the real main thread ends a moment after
  /// its last step).
  private mutating func judgeChallenge() {
    guard var state = challenge else { return }
    let view = stepper.view()
    let taken = stepper.taken
    if state.update(
      taken: taken, reached: stepper.reaches(state.setup.goal),
      happened: stepper.hasReached(state.setup.goal), preemptions: stepper.preemptions,
      ended: view.ended || view.deadlock)
    {
      onChallengeResult(
        state.setup.challenge.name, true, taken.count, stepper.preemptions, state.usedSolution)
    }
    challenge = state
  }

  /// Does what the lesson says now. - Returns: false when it is over.
  private mutating func playLesson(_ view: ProgramStepper.View) -> Bool {
    guard var script = lesson, !lessonOver else { return true }
    defer { lesson = script }
    var seen = LessonObservation(
      finished: view.ended, paused: pace == .paused, deadlocked: view.deadlock, screen: drawn)
    seen.challengeDone = challenge?.isDone ?? false
    for global in view.globals {
      if let value = Int(global.value) { seen.globals[global.name] = value }
    }
    var move = script.next(now: MonotonicClock.now(), seen: seen)
    // A fast schedule takes the steps due since the last frame (at most a
    // second's worth).
    while case .step(let slot) = move {
      // What the last key could not do is old news once the run moves.
      notice = nil
      focus = slot
      if take(slot) { stepped() } else { script.refused(slot) }
      move = script.next(now: MonotonicClock.now(), seen: seen)
    }
    switch move {
    case .end:
      lessonOver = true
      onLessonMarker(script.language.strings.lessonEndMarker)
      if endsWithLesson { return false }
      lessonEndNotice = script.language.strings.lessonEnded
    case .wait, .step: break
    case .check: script.check(seen)
    case .begin(let index):
      notice = nil
      let step = script.lesson.steps[index]
      if script.programs[index] != nil || challenge != nil { leaveChallenge() }
      challenge = script.challenge.map { setup in
        var state = ChallengeState(setup, language: script.language)
        state.inLesson = true
        return state
      }
      if let program = script.programs[index] {
        let make = stepperFor
        makeStepper = { make(program) }
        stepsBefore += stepper.taken.count
        stepper.stop()
        stepper = makeStepper()
        guard stepper.start() else { return false }
        // The program's own name: the lesson's path to it is the lesson's business.
        file =
          (script.challenge?.programPath ?? step.program).map {
            String($0.split(separator: "/").last ?? "")
          } ?? file
        (focus, turn, pace, expanded) = (0, -1, .paused, false)
        generation += 1
      }
      let count = script.lesson.steps.count
      onLessonMarker(
        "\(index + 1)/\(count): "
          + (script.caption ?? script.challenge?.challenge.title.text(script.language)
            ?? script.lesson.title.text(script.language)))
      // Starting the program afresh took time: the caption's reading time
      // counts from its marker, as a viewer of the recording sees it.
      script.captionShown(at: MonotonicClock.now())
      if let key = step.key {
        _ = handle(.character(key == "space" ? " " : Character(key)), stepper.view())
      }
    }
    return true
  }

  /// Steps the next thread after the last one that can go, in turn.
  /// Takes the steps due at the pace since the last: several a frame when
  /// the pace is faster than the frames (a frame waits up to 50 ms for a
  /// key), so the steps a second the header says are the steps taken.
  /// After a pause (or a frame late by more than `catchUp`) it takes one
  /// and goes on from there, rather than rushing the ones it missed.
  private mutating func stepDue(_ view: ProgramStepper.View) {
    let now = MonotonicClock.now()
    let interval = 1_000_000_000 / UInt64(rate)
    let elapsed = now &- lastStep
    guard elapsed >= interval else { return }
    var due: UInt64 = 1
    if elapsed > max(interval, Self.catchUp) {
      lastStep = now
    } else {
      due = elapsed / interval
      lastStep &+= due &* interval
    }
    var current = view
    for _ in 0..<due {
      stepNext(current)
      current = stepper.view()
      if current.ended || current.deadlock || challenge?.isOver == true { break }
    }
  }

  /// How late the steps may fall behind the pace and still be caught up (ns).
  static let catchUp: UInt64 = 250_000_000

  private mutating func stepNext(_ view: ProgramStepper.View) {
    guard
      let slot = SleepClock.next(
        runnable: view.runnable, turn: turn, taken: stepper.taken, slept: slept)
    else { return }
    turn = slot
    focus = slot
    if take(slot) { stepped() }
  }

  /// Thread `slot` takes its next step, noting whether it was a sleep.
  private mutating func take(_ slot: Int) -> Bool {
    let seconds = stepper.nextStep(slot)?.sleepSeconds
    guard stepper.step(slot) else { return false }
    slept.append(seconds)
    return true
  }
}
