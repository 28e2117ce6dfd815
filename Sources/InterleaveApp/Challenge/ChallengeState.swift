import InterleaveContent
import InterleaveProgram
import InterleaveRuntime
import InterleaveText

/// A challenge being played in the program dashboard: the goal, the hints
/// given, and whether the learner's steps have reached it. Pure: the
/// dashboard tells it what the run did and draws what it says.
struct ChallengeState {
  let setup: ChallengeSetup
  let words: ChallengeWords
  let language: Language
  /// Hints shown so far.
  private(set) var hints = 0
  /// A hint or a note on the solution, until the next one.
  private(set) var message: String?
  private(set) var result: Result?
  /// The step count at which the goal was reached (undoing past it forgets it).
  private var reachedAt: Int?
  /// Whether a win was recorded in this sitting.
  private(set) var everWon = false
  /// Whether the solution's steps were taken (`w`) in this sitting.
  private(set) var usedSolution = false
  /// Played as a lesson's step (`s` skips it).
  var inLesson = false
  /// Skipped (`s`, in a lesson).
  var skipped = false

  /// Won, shown impossible, or skipped: a lesson's challenge step is over.
  var isDone: Bool {
    if skipped { return true }
    switch result {
    case .won, .proved: return true
    default: return false
    }
  }

  enum Result: Equatable {
    /// `happened`: the goal has happened, not only become certain.
    case won(steps: Int, preemptions: Int, schedule: String, happened: Bool)
    case lost
    case overBudget(Int)
    /// An unreachable goal's program played to its end: the proof seen.
    case proved
  }

  init(_ setup: ChallengeSetup, language: Language) {
    self.setup = setup
    self.language = language
    words = ChallengeWords.of(language)
  }

  private var goalSaid: String {
    words.goal(setup.goalSaid(words, glued: true), setup.challenge.budget)
  }

  /// What the caption says: the goal always, with the story, a hint or the result.
  var caption: String {
    switch result {
    case .won(let steps, let preemptions, let schedule, let happened):
      return setup.wonSaid(words, happened: happened)
        + words.won(steps, preemptions, setup.proof.fewest ?? preemptions, schedule)
    case .proved:
      return ChallengeSetup.sentence(words.provedDone) + words.unreachable(setup.totalSaid)
    case .lost, .overBudget:
      let said: String
      if case .overBudget(let budget) = result {
        said = words.overBudget(budget)
      } else {
        said = words.lost
      }
      return ChallengeSetup.sentence(said) + ChallengeSetup.sentence(words.undoHint)
        + (setup.proof.isReachable ? goalSaid : words.unreachable(setup.totalSaid))
    case nil:
      // The goal first: a long story is what a small screen cuts.
      let goal =
        setup.proof.isReachable ? goalSaid : ChallengeSetup.sentence(goalSaid) + words.provedHow
      return ChallengeSetup.sentence(goal) + (message ?? setup.challenge.story.text(language))
    }
  }

  /// The footer's keys.
  var keys: String {
    isOver ? words.keysOver : inLesson ? words.keysInLesson : words.keys
  }

  /// Won, lost or over the budget: no more steps, only undo.
  var isOver: Bool { result != nil }

  /// What the run stands at after a step or an undo: `taken` are the steps
  /// so far. - Returns: true when the goal has just been reached.
  mutating func update(
    taken: [Int], reached: Bool, happened: Bool = true, preemptions: Int, ended: Bool
  ) -> Bool {
    if let at = reachedAt, taken.count < at { reachedAt = nil }
    if reachedAt == nil, reached { reachedAt = taken.count }
    let budget = setup.challenge.budget
    if let at = reachedAt, budget.map({ at <= $0 }) ?? true {
      // Steps after the win change nothing: it was won then.
      if case .won = result { return false }
      result = .won(
        steps: at, preemptions: preemptions, schedule: ScheduleString.text(Array(taken.prefix(at))),
        happened: happened)
      everWon = true
      message = nil
      return true
    }
    if !setup.proof.isReachable, ended {
      // Played to the end, the proof is seen: that is this challenge done.
      if result == .proved { return false }
      result = .proved
      everWon = true
      return true
    }
    if let budget, taken.count > budget {
      result = .overBudget(budget)
    } else {
      result = ended ? .lost : nil
    }
    return false
  }

  /// How many of the schedules from here reach the goal, said for the
  /// globals panel (`reach the goal: 6 of 20`).
  func goalCount(_ outcomes: ReachableCounter.Outcomes) -> String {
    var winning: UInt64? = 0
    var total: UInt64? = 0
    for (_, schedules, marked) in outcomes {
      total = ProgramExplorer.add(total, schedules)
      if marked { winning = ProgramExplorer.add(winning, schedules) }
    }
    func said(_ count: UInt64?) -> String {
      count.map { Format.grouped(Int(clamping: $0)) } ?? "> 2^64"
    }
    return words.goalCount(said(winning), said(total))
  }

  /// `h`: the next hint, then word of the solution.
  mutating func nextHint() {
    let all = setup.challenge.hints
    if hints < all.count {
      hints += 1
      message = words.hint(hints, all.count, all[hints - 1].text(language))
    } else {
      message = words.noMoreHints
    }
  }

  /// What `w` does given the steps taken: go back to where they leave the
  /// solution, or take its next step (nil: nothing to take).
  enum SolutionMove: Equatable {
    case back(to: Int)
    case step(Int)
    case none
  }

  mutating func solution(taken: [Int]) -> SolutionMove {
    guard hints >= setup.challenge.hints.count else {
      message = words.hintsFirst
      return .none
    }
    let witness = setup.proof.witness
    guard !witness.isEmpty else {
      message = words.unreachable(setup.totalSaid)
      return .none
    }
    let common = zip(taken, witness).prefix { $0 == $1 }.count
    usedSolution = true
    if common < taken.count {
      message = words.solutionBack(common)
      return .back(to: common)
    }
    guard common < witness.count else { return .none }
    message = words.solutionStep(common + 1, witness.count)
    return .step(witness[common])
  }
}
