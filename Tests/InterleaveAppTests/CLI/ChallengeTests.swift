import Foundation
import InterleaveContent
import InterleaveDashboard
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
    if case .criticalSection = setup.goal.summary {
      // Two real threads stand on the marked lines at once.
      let marked = Self.criticalLines(setup.program.sourceLines)
      let inside = stepper.view().threads.filter { $0.line.map(marked.contains) ?? false }
      #expect(inside.count >= 2, "\(challenge.name): \(stepper.view().threads)")
      return
    }
    // Decided (it may not have happened yet): the rest of the witness, on
    // the real threads, makes it happen.
    for slot in proof.witness.dropFirst(at) { stepper.step(slot) }
    #expect(stepper.hasReached(setup.goal), "\(challenge.name)")
    let view = stepper.view()
    switch setup.goal.summary {
    case .deadlock:
      #expect(view.deadlock, "\(challenge.name)")
    case .error:
      #expect(view.output.contains("Traceback"), "\(challenge.name): \(view.output)")
    default:
      // The real threads' globals are the model's.
      let end = ProgramModel(setup.program).state(following: proof.witness)
      let model = ProgramModel(setup.program).outcome(end).globals
      #expect(view.globals.map { "\($0.name) \($0.value)" } == model, "\(challenge.name)")
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

  @Test(
    "at 80x24 every challenge's goal is whole in the caption, before the story, in en and zh",
    arguments: ChallengeCatalog.builtinNames)
  func goalInSight(name: String) throws {
    let setup = try ChallengeSetup(try ChallengeCatalog.load(name))
    for language in Language.allCases {
      let state = ChallengeState(setup, language: language)
      let words = ChallengeWords.of(language)
      let goal = words.goal(setup.goalSaid(words, glued: true), setup.challenge.budget)
        .replacing("\u{A0}", with: " ")
      // The caption bar holds 3 lines at 80x24.
      let shown = CaptionWidget.lines(state.caption, width: 80, limit: 3)
      let text = shown.joined(separator: language == .zh ? "" : " ")
      #expect(text.hasPrefix(goal), "\(name) \(language): \(shown)")
      if !setup.proof.isReachable {
        #expect(text.contains(words.provedHow), "\(name) \(language): \(shown)")
      }
    }
  }

  @Test("an error goal is won when the exception is raised, before the with around it lets go")
  func errorDecided() throws {
    let setup = try ChallengeSetup(try ChallengeCatalog.load("if-not-while"))
    let model = ProgramModel(setup.program)
    let steps = try #require(model.steps(toReach: setup.goal, following: setup.proof.witness))
    let state = model.state(following: Array(setup.proof.witness.prefix(steps)))
    #expect(setup.goal.isDecided(in: state, of: model))
    #expect(!setup.goal.isReached(in: state, of: model), "raised, not yet out of the thread")
    let after = model.state(following: setup.proof.witness)
    #expect(setup.goal.isReached(in: after, of: model))
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

/// `interleave challenge` from the command line: a teacher's checks, a
/// learner's progress, and what a crash or a full disk leaves of it.
@Suite("Challenges from the command line", .timeLimit(.minutes(3)))
struct ChallengeCommandTests {
  /// A fresh folder for a test's files.
  static func folder() -> String {
    let path = NSTemporaryDirectory() + "interleave-challenge-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static func write(_ text: String, _ path: String) throws {
    try text.write(toFile: path, atomically: false, encoding: .utf8)
  }

  static let withdraw = """
    import threading
    balance = 100
    lock = threading.Lock()

    def withdraw(amount):
        global balance
        if balance >= amount:
            balance = balance - amount

    a = threading.Thread(target=withdraw, args=(80,))
    b = threading.Thread(target=withdraw, args=(70,))
    a.start()
    b.start()
    a.join()
    b.join()

    """

  static func challenge(goal: String, extra: String = "") -> String {
    """
    title = { en = "Overdraw", zh = "透支" }
    story = { en = "Pay out more than it holds.", zh = "付出比余额更多的钱。" }
    program = "withdraw.py"
    goal = "\(goal)"
    \(extra)
    """
  }

  @Test("--check proves every built-in challenge, each with a schedule to replay")
  func checkBuiltins() throws {
    let result = try Binary.run(["challenge", "--check"], limit: 120)
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    let proved = result.lines.filter { $0.hasPrefix("challenges/") }
    #expect(proved.count == ChallengeTests.shipped.count)
    #expect(proved.allSatisfy { $0.contains(": reachable: ") || $0.contains("proved unreachable") })
    #expect(result.lines.filter { $0.contains("--schedule '") }.count == proved.count - 1)
  }

  @Test("a teacher's challenge: proved with its counts, or refused as unreachable, too easy or bad")
  func teachersChallenge() throws {
    let folder = Self.folder()
    try Self.write(Self.withdraw, folder + "/withdraw.py")
    let file = folder + "/overdraw.toml"

    try Self.write(Self.challenge(goal: "final: balance < 0"), file)
    let proved = try Binary.run(["challenge", "--check", file], limit: 60)
    #expect(proved.status == 0, "\(proved.stderr)")
    #expect(proved.stdout.contains("reachable: 6 of 20 schedules reach 'final: balance < 0'"))
    #expect(proved.stdout.contains("the fewest preemptions: 1"))

    try Self.write(Self.challenge(goal: "final: balance < -100"), file)
    let unreachable = try Binary.run(["challenge", "--check", file], limit: 60)
    #expect(unreachable.status == 1)
    #expect(unreachable.stdout.contains("unreachable: none of 20 schedules reaches"))

    try Self.write(Self.challenge(goal: "final: balance == 30"), file)
    let easy = try Binary.run(["challenge", "--check", file], limit: 60)
    #expect(easy.status == 1)
    #expect(easy.stdout.contains("reachable with no preemption"))

    try Self.write(Self.challenge(goal: "final: balanse < 0"), file)
    let typo = try Binary.run(["challenge", "--check", file], limit: 60)
    #expect(typo.status == 65)
    #expect(
      typo.stderr == "\(file):4:1: error: goal 'final: balanse < 0': the program has no global "
        + "named 'balanse'\n")

    try Self.write(Self.challenge(goal: "final: balance < 0", extra: "budget = \"ten\""), file)
    let budget = try Binary.run(["challenge", "--check", file], limit: 60)
    #expect(budget.status == 65)
    #expect(budget.stderr.contains("overdraw.toml:5:"))
    #expect(budget.stderr.contains("'budget' must be a number of steps"))
  }

  @Test("a win played with --schedule is kept in progress.toml and listed; a loss is a try")
  func progressKept() throws {
    let state = Self.folder()
    let environment = ["XDG_STATE_HOME": state]
    let lost = try Binary.run(
      ["challenge", "04-overdraw", "--schedule", "0 1x3 2 0x2", "--lang", "en"],
      environment: environment, limit: 60)
    #expect(lost.status == 1, "\(lost.stderr)")
    #expect(
      lost.stdout
        == "balance = 20\nGoal: the program ends with balance < 0.\nEvery thread has finished "
        + "and the goal was not reached.\n")
    let won = try Binary.run(
      ["challenge", "04-overdraw", "--schedule", "0 1 2x3 1x2 0x2", "--lang", "en"],
      environment: environment, limit: 60)
    #expect(won.status == 0, "\(won.stderr)")
    #expect(
      won.stdout.contains(
        "Goal reached in 5 steps with 1 preemption; none fewer is possible. Your schedule: "
          + "'0 1 2x3' (2x3: thread 2, 3 steps in a row). (A preemption: a switch away from a "
          + "thread that could have gone on.)"))
    let text = try String(contentsOfFile: state + "/interleave/progress.toml", encoding: .utf8)
    let progress = try ChallengeProgress.parse(text, file: "progress.toml")
    #expect(progress.records["04-overdraw"] == .init(won: true, steps: 5, preemptions: 1, tries: 2))
    let list = try Binary.run(["challenge", "--lang", "en"], environment: environment)
    #expect(list.status == 0)
    #expect(
      list.lines.contains {
        $0.contains("04-overdraw") && $0.contains("won: 5 steps, 1 preemption")
      })
    #expect(list.lines.contains { $0.contains("01-counter") && $0.hasSuffix("new") })
    // The challenge whose goal is proved unreachable: played to its end, it is done.
    let proved = try Binary.run(
      ["challenge", "11", "--schedule", "0x2 2x8 1x8 0x3", "--lang", "en"],
      environment: environment, limit: 60)
    #expect(proved.status == 0, "\(proved.stderr)")
    #expect(proved.stdout.contains("no schedule can reach it"))
    let after = try Binary.run(["challenge", "--lang", "en"], environment: environment)
    #expect(
      after.lines.contains {
        $0.contains("11-transfer-ordered") && $0.hasSuffix("shown impossible")
      })
  }

  @Test("a bad progress file is reported with its line, ignored and never written over")
  func badProgress() throws {
    let state = Self.folder()
    try FileManager.default.createDirectory(
      atPath: state + "/interleave", withIntermediateDirectories: true)
    let path = state + "/interleave/progress.toml"
    let bad = "[challenges.\"04-overdraw\"]\nwon = maybe\n"
    try Self.write(bad, path)
    let list = try Binary.run(
      ["challenge", "--lang", "en"], environment: ["XDG_STATE_HOME": state])
    #expect(list.status == 0)
    #expect(list.stderr.hasPrefix("interleave: warning: \(path):2:"), "\(list.stderr)")
    #expect(list.stderr.contains("ignored and left as it is"))
    #expect(list.lines.contains { $0.contains("04-overdraw") && $0.hasSuffix("new") })
    let won = try Binary.run(
      ["challenge", "04", "--schedule", "0 1 2x3"], environment: ["XDG_STATE_HOME": state],
      limit: 60)
    #expect(won.status == 0)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == bad)
  }

  /// Whether the binary under test is a sanitizer build (`.ci/run` builds
  /// them in `.build-tsan` and `.build-asan`).
  static var sanitized: Bool {
    Binary.url.path.contains("/.build-tsan/") || Binary.url.path.contains("/.build-asan/")
  }

  // A sanitizer's runtime dies (SIGBUS) under any file size limit below
  // about 512 KB, before the program starts: this runs in the plain
  // `swift test` phase, where the limit reaches the program's own write.
  @Test(
    "a full disk (a file size limit) leaves the old progress whole and says the try was not saved",
    .enabled(if: !ChallengeCommandTests.sanitized, "a sanitizer runtime dies under ulimit -f"))
  func fullDisk() throws {
    let state = Self.folder()
    let environment = ["XDG_STATE_HOME": state]
    let first = try Binary.run(
      ["challenge", "01", "--schedule", "0 1 2x2 1 0x2"], environment: environment, limit: 60)
    #expect(first.status == 0, "\(first.stderr)")
    let path = state + "/interleave/progress.toml"
    let before = try String(contentsOfFile: path, encoding: .utf8)
    let full = try Binary.run(
      ["challenge", "04", "--schedule", "0 1 2x3"], environment: environment, shell: "ulimit -f 0",
      limit: 60)
    #expect(full.status == 0, "the win is said even when it cannot be kept")
    #expect(full.stderr.contains("this try was not saved"), "\(full.stderr)")
    #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
    let left = try FileManager.default.contentsOfDirectory(atPath: state + "/interleave")
    #expect(left == ["progress.toml"], "no temporary file left behind")
  }

  @Test("plays killed (SIGKILL) at random moments always leave a whole progress file")
  func killedMidWrite() throws {
    let state = Self.folder()
    let environment = ["XDG_STATE_HOME": state]
    let path = state + "/interleave/progress.toml"
    var generator = SystemRandomNumberGenerator()
    for round in 0..<12 {
      let delay = Double.random(in: 0.0...0.08, using: &generator)
      _ = try Binary.run(
        ["challenge", round % 2 == 0 ? "01" : "04", "--schedule", "0 1 2x2 1 0x2"],
        environment: environment, limit: 60
      ) { pid in
        // A random moment to kill it at, not a wait for anything: a whole
        // file after each is what the round checks.
        usleep(UInt32(delay * 1e6))
        kill(pid, SIGKILL)
      }
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
      #expect(throws: Never.self, "round \(round)") {
        try ChallengeProgress.parse(text, file: "progress.toml")
      }
    }
  }
}

/// A challenge in the program dashboard, on a screen in memory.
@Suite("Challenges on screen", .timeLimit(.minutes(3)))
struct ChallengeScreenTests {
  /// The dashboard on its own thread; `results` gets each reported try.
  /// Written by the dashboard's thread, read by the test's: each under a lock.
  final class Played: Sendable {
    private let box = LockedBox((results: [(Bool, Int, Int, Bool)](), status: Int32(-1)))
    var results: [(Bool, Int, Int, Bool)] { box.snapshot.results }
    var status: Int32 { box.snapshot.status }
    func add(_ result: (Bool, Int, Int, Bool)) { box.withLockedValue { $0.results.append(result) } }
    func end(_ status: Int32) { box.withLockedValue { $0.status = status } }
  }

  static func play(_ name: String, language: Language, width: Int = 80, height: Int = 24)
    throws -> (MemoryScreen, Played, Thread)
  {
    let setup = try ChallengeSetup(try ChallengeCatalog.load(name))
    let screen = MemoryScreen(width: width, height: height)
    let played = Played()
    let program = setup.program
    let thread = Thread {
      var dashboard = ProgramDashboard(
        file: setup.programPath, screen: screen, words: ProgramWords.of(language)
      ) { ProgramStepper(program: program, cpuCount: 2) }
      dashboard.challenge = ChallengeState(setup, language: language)
      dashboard.onChallengeResult = { played.add(($1, $2, $3, $4)) }
      played.end(dashboard.loop())
    }
    thread.start()
    return (screen, played, thread)
  }

  /// The frame's rows trimmed and joined (with a space, and without one for
  /// Chinese), so that a caption wrapped over rows reads whole.
  static func text(_ canvas: Canvas) -> String {
    let rows = canvas.lines.map { $0.trimmingCharacters(in: .whitespaces) }
    return rows.joined(separator: " ") + "\n" + rows.joined()
  }

  @Test("the goal is on screen from the start; a win says so with the schedule; undo takes it back")
  func winAndUndo() throws {
    let (screen, played, _) = try Self.play("04-overdraw", language: .en)
    let start = try #require(screen.waitFor { Self.text($0).contains("Goal: the program ends") })
    #expect(Self.text(start).contains("The account holds 100."))
    #expect(start.lines.last?.contains("h hint") == true)
    // How many schedules from here reach the goal, counted off the frame loop.
    _ = try #require(screen.waitFor { Self.text($0).contains("reach the goal: 6 of 20") })
    for digit in ["0", "1", "2", "2", "2"] { screen.press(.character(Character(digit))) }
    let won = try #require(screen.waitFor { Self.text($0).contains("Goal reached") })
    let shown = Self.text(won)
    #expect(
      shown.contains("Whatever runs next, this is now certain: the program ends with balance < 0."),
      "\(shown)")
    #expect(shown.contains("5 steps with 1 preemption;"), "\(shown)")
    #expect(shown.contains("none fewer is possible"), "\(shown)")
    #expect(shown.contains("'0 1 2x3'"), "\(shown)")
    #expect(won.lines.last?.contains("u undo  q quit") == true)
    // The try is over: a step key changes nothing and says so.
    screen.press(.character("1"))
    let refused = try #require(screen.waitFor { Self.text($0).contains("This try is over") })
    #expect(refused.lines[0].contains("step 5 "), "\(refused.lines[0])")
    screen.press(.character("u"))
    let back = try #require(screen.waitFor { !Self.text($0).contains("Goal reached") })
    #expect(Self.text(back).contains("Goal: the program ends with balance < 0."))
    screen.press(.character("q"))
    #expect(Wait.until(20) { played.status == 0 })
    #expect(played.results.count == 1)
    #expect(played.results.first.map { $0.0 && $0.1 == 5 && $0.2 == 1 && !$0.3 } == true)
  }

  @Test("h gives the hints in turn, then w plays the solution a step at a time to the goal (zh)")
  func hintsThenSolution() throws {
    let (screen, played, _) = try Self.play("10-transfer", language: .zh)
    _ = try #require(screen.waitFor { Self.text($0).contains("目标：死锁") })
    screen.press(.character("w"))
    _ = try #require(screen.waitFor { Self.text($0).contains("先看看提示") })
    screen.press(.character("h"))
    _ = try #require(screen.waitFor { Self.text($0).contains("提示 1/2") })
    screen.press(.character("h"))
    _ = try #require(screen.waitFor { Self.text($0).contains("提示 2/2") })
    // A step of the learner's own that leaves the solution: w goes back first.
    for (index, digit) in ["0", "0", "2"].enumerated() {
      screen.press(.character(Character(digit)))
      _ = try #require(screen.waitFor { $0.lines[0].contains("第 \(index + 1) 步") })
    }
    // The solution's third step is thread 1's.
    screen.press(.character("w"))
    _ = try #require(screen.waitFor { Self.text($0).contains("已退回到第 2 步") })
    for _ in 0..<8 {
      screen.press(.character("w"))
      if screen.waitFor(timeout: 2, { Self.text($0).contains("目标达成") }) != nil { break }
    }
    let won = try #require(screen.waitFor { Self.text($0).contains("目标达成") })
    #expect(won.lines[0].contains("死锁"))
    // The deadlock was asked for: no advice to undo it under the output.
    #expect(!Self.text(won).contains("换一条路试试"))
    screen.press(.character("q"))
    #expect(Wait.until(20) { played.status == 0 })
    #expect(played.results.first.map { $0.0 && $0.3 } == true, "a win with the solution's help")
  }

  @Test("a goal proved unreachable: the run played to its end says so, without w")
  func provedAtTheEnd() throws {
    let setup = try ChallengeSetup(try ChallengeCatalog.load("11"))
    let (screen, played, _) = try Self.play("11", language: .en)
    _ = try #require(screen.waitFor { Self.text($0).contains("Goal: a deadlock") })
    for slot in setup.demonstration { screen.press(.character(Character(String(slot)))) }
    let end = try #require(screen.waitFor { Self.text($0).contains("no schedule can reach it") })
    #expect(Self.text(end).contains("The explorer tried all 2 schedules"))
    screen.press(.character("q"))
    #expect(Wait.until(20) { played.status == 0 })
    #expect(played.results.first?.0 == true, "shown impossible: done")
  }

  @Test("a lock only a thread's own variable holds is listed with its holder; a semaphore's value")
  func ownLocksAndSemaphores() throws {
    let (screen, _, _) = try Self.play("08", language: .en)
    for key in "12" { screen.press(.character(key)) }
    _ = try #require(
      screen.waitFor {
        Self.text($0).contains("1's own lock") && Self.text($0).contains("2's own lock")
      })
    screen.press(.character("q"))
    let (pool, _, _) = try Self.play("16", language: .zh)
    _ = try #require(pool.waitFor { Self.text($0).contains("锁：pool=2") })
    pool.press(.character("q"))
  }

  @Test("f and space do not take the scheduler's place; a finished run without the goal is a loss")
  func noFreeRunAndLoss() throws {
    let (screen, played, _) = try Self.play("01-counter", language: .en)
    _ = try #require(screen.waitFor { Self.text($0).contains("Goal: the program ends with count") })
    screen.press(.character("f"))
    _ = try #require(screen.waitFor { Self.text($0).contains("you are the scheduler") })
    // One thread after the other: nothing is lost.
    for digit in "0112200" { screen.press(.character(digit)) }
    let lost = try #require(screen.waitFor { Self.text($0).contains("goal was not reached") })
    #expect(Self.text(lost).contains("u takes a step back"))
    screen.press(.character("q"))
    #expect(Wait.until(20) { played.status == 0 })
    #expect(played.results.count == 1 && played.results.first?.0 == false)
  }
}

/// A challenge as a lesson's step.
@Suite("Challenges in lessons", .timeLimit(.minutes(3)))
struct ChallengeLessonTests {
  static let lesson = """
    title = "t"
    [[steps]]
    challenge = "04-overdraw"

    [[steps]]
    program = "../challenges/04-overdraw.py"
    caption = "After the challenge."
    wait = "30s"
    """

  @Test(
    "a challenge step waits for the learner until it is won or skipped (s), then the lesson goes on"
  )
  func waitsForTheLearner() throws {
    let parsed = try LessonParser.parse(Self.lesson, file: "lessons/t.toml")
    #expect(parsed.steps[0].challenge == "04-overdraw" && parsed.steps[0].timeout == .max)
    let setup = try ChallengeSetup(try ChallengeCatalog.load("04-overdraw"))
    let screen = MemoryScreen(width: 80, height: 24)
    let state = ProgramLessonState(
      lesson: parsed, programs: [setup.program, setup.program], language: .en, timeScale: 0.05,
      challenges: [0: setup], autoplay: false)
    let thread = Thread {
      var dashboard = ProgramDashboard(
        file: "t", screen: screen, words: ProgramWords.of(.en)
      ) { ProgramStepper(program: setup.program, cpuCount: 2) }
      dashboard.lesson = state
      dashboard.stepperFor = { ProgramStepper(program: $0, cpuCount: 2) }
      _ = dashboard.loop()
    }
    thread.start()
    let playing = try #require(
      screen.waitFor { ChallengeScreenTests.text($0).contains("Goal: the program ends with") })
    #expect(playing.lines.last?.contains("s skip") == true)
    // Far past its reading time, with nobody at the keys, it is still up.
    #expect(
      screen.waitFor(timeout: 2) { ChallengeScreenTests.text($0).contains("After the") } == nil)
    screen.press(.character("s"))
    let after = try #require(
      screen.waitFor { ChallengeScreenTests.text($0).contains("After the challenge.") })
    // Now the lesson takes the steps: the learner's would make its captions false.
    #expect(after.lines.last?.trimmingCharacters(in: .whitespaces) == "e expand  q quit")
    // The header says so too, not "paused".
    #expect(after.lines[0].contains("· the lesson takes the steps"), "\(after.lines[0])")
    screen.press(.character("1"))
    let refused = try #require(
      screen.waitFor { ChallengeScreenTests.text($0).contains("The lesson takes the steps here") })
    #expect(refused.lines[0].contains("step 0 "), "\(refused.lines[0])")
    screen.press(.character("q"))
  }

  @Test("a challenge step says only 'challenge': its program, caption and wait are the challenge's")
  func refusedWithChallenge() {
    for key in ["caption = \"x\"", "wait = \"2s\"", "program = \"a.py\""] {
      let text = "title = \"t\"\n[[steps]]\nchallenge = \"01\"\n\(key)\n"
      do {
        _ = try LessonParser.parse(text, file: "t.toml")
        Issue.record("accepted: \(key)")
      } catch {
        #expect(error.line == 4, "\(key): \(error)")
        #expect(error.message.contains("a challenge step has no"), "\(error)")
      }
    }
  }
}
