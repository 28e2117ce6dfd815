import Foundation
import InterleaveContent
import InterleavePlatform
import InterleaveProgram
import InterleaveTerminal
import InterleaveTestSupport
import InterleaveText
import Testing

@testable import InterleaveApp

/// Challenges: the learner is the scheduler, and every goal is proved by
/// the explorer before anyone plays.
@Suite("Challenges", .timeLimit(.minutes(3)))
struct ChallengeTests {
  static let shipped = (try? ChallengeCatalog.all()) ?? []

  @Test("at least 16 challenges ship, in chapters, every text in en and zh")
  func catalogue() throws {
    #expect(Self.shipped.count >= 16)
    for challenge in Self.shipped {
      #expect(challenge.chapter != nil, "\(challenge.name)")
      for text in [challenge.title, challenge.story, challenge.chapter!] + challenge.hints {
        #expect(text.zh != nil, "\(challenge.name): '\(text.en)' has no Chinese")
      }
      #expect(!challenge.hints.isEmpty, "\(challenge.name) has no hint")
    }
  }

  @Test(
    "every shipped goal is reachable and needs a preemption (or is proved unreachable, as its file says), and its witness, replayed on real threads, reaches it",
    arguments: shipped.map(\.name))
  func proved(name: String) throws {
    let challenge = try ChallengeCatalog.load(name)
    let setup = try ChallengeSetup(challenge)
    let proof = setup.proof
    if challenge.unreachable {
      #expect(!proof.isReachable && proof.winning == 0 && (proof.total ?? 0) > 0)
      return
    }
    let fewest = try #require(proof.fewest, "\(challenge.name): unreachable")
    #expect(fewest >= 1, "\(challenge.name): won with no preemption")
    #expect(ProgramModel(setup.program).preemptions(in: proof.witness) == fewest)
    // The witness on the real threads, the goal checked after every step.
    let stepper = ProgramStepper(program: setup.program, cpuCount: 2)
    defer { stepper.stop() }
    #expect(stepper.start())
    var reachedAt: Int?
    for (index, slot) in proof.witness.enumerated() {
      try #require(stepper.step(slot), "\(challenge.name): step \(index + 1) refused")
      if stepper.reaches(setup.goal) {
        reachedAt = index + 1
        break
      }
    }
    let at = try #require(reachedAt, "\(challenge.name): the witness never reached the goal")
    let view = stepper.view()
    // What the real threads show where the goal is reached.
    switch setup.goal.summary {
    case .deadlock:
      #expect(view.deadlock, "\(challenge.name)")
    case .error:
      #expect(view.output.contains("Traceback"), "\(challenge.name): \(view.output)")
    case .criticalSection:
      let marked = Self.criticalLines(setup.program.sourceLines)
      let inside = view.threads.filter { $0.line.map(marked.contains) ?? false }
      #expect(inside.count >= 2, "\(challenge.name): \(view.threads)")
    case .final:
      // Decided: the rest of the witness, whatever it is, ends it so. The
      // real threads' globals equal the model's at the end.
      for slot in proof.witness.dropFirst(at) { stepper.step(slot) }
      let end = ProgramModel(setup.program).state(following: proof.witness)
      let model = ProgramModel(setup.program).outcome(end).globals
      #expect(
        stepper.view().globals.map { "\($0.name) \($0.value)" } == model, "\(challenge.name)")
    }
  }

  static func criticalLines(_ source: [String]) -> Set<Int> {
    var lines: Set<Int> = []
    var start: Int?
    for (index, text) in source.enumerated() {
      let comment = text.trimmingCharacters(in: .whitespaces)
      if comment == "# critical section" { start = index + 1 }
      if comment == "# end critical section", let first = start {
        lines.formUnion((first + 1)...index)
      }
    }
    return lines
  }

  @Test("a goal is checked against its program: what is wrong is said in one line")
  func goalProblems() throws {
    let program = try ProgramSource.compile(
      "import threading\nbalance = 0\nitems = []\n", file: "p.py")
    let cases: [(String, String)] = [
      ("finished", "expected 'critical-section', 'deadlock', 'error' or 'final: EXPRESSION'"),
      ("final: total > 3", "the program has no global named 'total'"),
      ("final: balance if items else 0", "a goal holds only names"),
      ("final: balance <", "invalid syntax"),
      ("critical-section", "marks no critical section"),
    ]
    for (goal, expected) in cases {
      #expect(throws: ChallengeGoal.Problem.self, "\(goal)") {
        try ChallengeGoal(goal, program: program)
      }
      do {
        _ = try ChallengeGoal(goal, program: program)
      } catch {
        #expect(error.description.contains(expected), "\(goal): \(error)")
        #expect(!error.description.contains("\n"))
      }
    }
  }

  @Test("a final goal reads the globals as Python would: and/or, arithmetic, len and indexing")
  func finalExpressions() throws {
    let text = """
      import threading
      alice = 90
      bob = 100
      r1 = 0
      r2 = 0
      items = [1, 2]

      """
    let program = try ProgramSource.compile(text, file: "p.py")
    let model = ProgramModel(program)
    let end = model.state(following: Array(repeating: 0, count: 20))
    let holds: [(String, Bool)] = [
      ("final: alice + bob != 200", true), ("final: alice + bob == 190", true),
      ("final: r1 == 0 and r2 == 0", true), ("final: r1 == 1 or r2 == 1", false),
      ("final: len(items) == 2 and items[-1] == 2", true), ("final: not (alice < bob)", false),
      ("final: 80 < alice < 100", true),
    ]
    for (goal, expected) in holds {
      let parsed = try ChallengeGoal(goal, program: program)
      #expect(parsed.isReached(in: end, of: model) == expected, "\(goal)")
    }
  }

  @Test("a final goal is won once decided: every way on ends with it, before the program ends")
  func decidedEarly() throws {
    let setup = try ChallengeSetup(try ChallengeCatalog.load("overdraw"))
    let model = ProgramModel(setup.program)
    // Both withdrawals pass their check before either takes the money.
    let steps = try #require(
      model.steps(toReach: setup.goal, following: setup.proof.witness))
    #expect(steps < setup.proof.witness.count)
    // Not decided one step earlier: some way on still ends well.
    let before = model.state(following: Array(setup.proof.witness.prefix(steps - 1)))
    #expect(!setup.goal.isDecided(in: before, of: model))
  }
}
