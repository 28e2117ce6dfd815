import ArgumentParser
import Glibc
import InterleaveContent
import InterleavePlatform
import InterleaveProgram
import InterleaveRuntime
import InterleaveText

/// `interleave challenge`: the learner is the scheduler and has a goal.
struct ChallengeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "challenge",
    abstract: "Be the scheduler: step a program's threads until a goal is reached.",
    discussion: """
      With no name, lists the challenges and your progress. A challenge is a \
      program and a goal ('final: balance < 0', 'deadlock', 'error' or \
      'critical-section'); you choose which thread takes each step. Before you \
      play, the explorer tries every schedule of the program: each goal is proved \
      reachable (or, where that is the lesson, unreachable). A preemption is a \
      switch away from a thread that could have gone on. Progress is kept in $XDG_STATE_HOME/interleave/progress.toml (else \
      ~/.local/state/interleave/progress.toml).
      """)

  @Argument(
    help: ArgumentHelp("A built-in challenge (04-overdraw, overdraw or 4) or a .toml file."))
  var name: String?

  @Flag(name: .long, help: "Prove the challenge (all built-in ones with no name): no screen.")
  var check = false

  @Option(name: .long, help: "Play these steps (thread numbers, as '1x2 2 1'), with no screen.")
  var schedule: String?

  @OptionGroup var look: LookOptions

  init() {}

  func validate() throws {
    if schedule != nil, name == nil {
      throw ValidationError("--schedule needs a challenge's name")
    }
    if schedule != nil, check {
      throw ValidationError("--check proves a challenge; --schedule plays one: give one of them")
    }
  }

  func run() throws {
    let environment = Environment.current
    let language = look.language(environment)
    let words = ChallengeWords.of(language)
    if check { return try runCheck() }
    guard let name else { return list(language, words, environment) }
    let setup = try Self.setup(try Self.load(name))
    if let schedule { return try play(setup, schedule: schedule, words, environment) }
    try ChallengeDashboardMode.run(setup, look: look, environment: environment)
  }

  static func load(_ name: String) throws -> Challenge {
    do {
      return try ChallengeCatalog.load(name)
    } catch {
      InterleaveMain.notice("error: \(error)")
      throw ExitCode(error.line > 0 ? 65 : 64)
    }
  }

  static func setup(_ challenge: Challenge) throws -> ChallengeSetup {
    do {
      return try ChallengeSetup(challenge)
    } catch {
      try? FileDescriptor.writeAll(
        STDERR_FILENO, Array((Sanitizer.line(error.description) + "\n").utf8))
      throw ExitCode(error.status)
    }
  }

  /// The challenges by chapter, with the learner's progress in each.
  func list(_ language: Language, _ words: ChallengeWords, _ environment: [String: String]) {
    let progress =
      ChallengeProgressFile(environment: environment).read(warn: InterleaveMain.notice)
      ?? ChallengeProgress()
    let sink = OutputSink()
    var chapter: String?
    for challenge in (try? ChallengeCatalog.all()) ?? [] {
      let title = challenge.chapter?.text(language) ?? ""
      if title != chapter {
        if chapter != nil { sink.line("") }
        sink.line(title)
        chapter = title
      }
      let state: String
      if let record = progress.records[challenge.name] {
        state =
          !record.won
          ? words.listTried(record.tries)
          : challenge.unreachable
            ? words.listProved
            : words.listWon(record.steps, record.preemptions)
              + (record.helped ? words.listHelped : "")
      } else {
        state = words.listNew
      }
      let shown = challenge.title.text(language)
      let pad = max(2, 28 - TextWidth.of(shown))
      sink.line(
        "  " + challenge.name.padding(toLength: 24) + shown + String(repeating: " ", count: pad)
          + state)
    }
    sink.line("")
    sink.line(
      language == .zh
        ? "开始一关：interleave challenge 名称（例如 interleave challenge 04-overdraw）"
        : "Play one: interleave challenge NAME (such as interleave challenge 04-overdraw)")
    sink.flush()
  }

  /// `--check`: each challenge proved, or what is wrong with it.
  func runCheck() throws {
    let challenges: [Challenge]
    if let name {
      challenges = [try Self.load(name)]
    } else {
      challenges = (try? ChallengeCatalog.all()) ?? []
    }
    let sink = OutputSink()
    var failed = false
    for challenge in challenges {
      let start = MonotonicClock.now()
      let setup = try Self.setup(challenge)
      let elapsed = Format.elapsed(MonotonicClock.now() - start)
      let proof = setup.proof
      let counted = "\(Format.grouped(proof.states)) states in \(elapsed)"
      let goal = "'\(challenge.goal)'"
      guard proof.isReachable else {
        if challenge.unreachable {
          sink.line(
            "\(challenge.file): proved unreachable, as it says: none of \(setup.totalSaid) "
              + "schedules reaches \(goal) (\(counted))")
        } else {
          failed = true
          sink.line(
            "\(challenge.file): unreachable: none of \(setup.totalSaid) schedules reaches "
              + "\(goal) (\(counted))")
        }
        continue
      }
      let winning = proof.winning.map { Format.grouped(Int(clamping: $0)) } ?? "more than 2^64"
      sink.line(
        "\(challenge.file): reachable: \(winning) of \(setup.totalSaid) schedules reach \(goal); "
          + "the fewest preemptions: \(proof.fewest ?? 0) (\(counted))")
      sink.line(
        "  interleave challenge "
          + (ChallengeCatalog.isBuiltin(challenge) ? challenge.name : challenge.file)
          + " --schedule '\(ScheduleString.text(proof.witness))'"
      )
      if challenge.unreachable {
        failed = true
        sink.line("  error: the file says unreachable = true, but a schedule reaches it")
      } else if proof.fewest == 0 {
        failed = true
        sink.line(
          "  error: reachable with no preemption (each thread runs until it must wait): "
            + "no challenge; make the goal need a switch in mid-step")
      }
    }
    sink.flush()
    if failed { throw ExitCode(1) }
  }

  /// `--schedule`: the steps played on the program's real threads, the goal
  /// checked after each, the try recorded.
  func play(
    _ setup: ChallengeSetup, schedule: String, _ words: ChallengeWords,
    _ environment: [String: String]
  ) throws {
    let slots: [Int]
    switch ScheduleText.parse(schedule) {
    case .success(let parsed): slots = parsed
    case .failure(let error):
      InterleaveMain.notice("error: --schedule \(error)")
      throw ExitCode(64)
    }
    let stepper = ProgramStepper(program: setup.program, cpuCount: RunCommand.cpuCount)
    guard stepper.start() else {
      InterleaveMain.notice("error: the system refused a thread")
      throw ExitCode(1)
    }
    defer { stepper.stop() }
    var reached = stepper.reaches(setup.goal)
    let budget = setup.challenge.budget ?? Int.max
    for (index, slot) in slots.prefix(budget).enumerated() where !reached {
      guard stepper.step(slot) else {
        InterleaveMain.notice(
          "error: --schedule: step \(index + 1): thread \(slot) cannot go then "
            + "(threads that can: \(stepper.view().runnable.map(String.init).joined(separator: ", ")))"
        )
        throw ExitCode(1)
      }
      reached = stepper.reaches(setup.goal)
    }
    stepper.awaitEnd()
    let taken = stepper.taken
    let preemptions = stepper.preemptions
    let view = stepper.view()
    // An unreachable goal's program played to its end: the proof seen.
    let proved = !setup.proof.isReachable && (view.ended || view.deadlock)
    ChallengeProgressFile(environment: environment).record(
      setup.challenge.name, won: reached || proved, steps: taken.count, preemptions: preemptions,
      warn: InterleaveMain.notice)
    let sink = OutputSink()
    sink.text(view.output)
    if proved {
      sink.line(ChallengeSetup.sentence(words.provedDone) + words.unreachable(setup.totalSaid))
    } else if reached {
      sink.line(
        setup.wonSaid(words, happened: stepper.hasReached(setup.goal))
          + words.won(
            taken.count, preemptions, setup.proof.fewest ?? preemptions,
            ScheduleString.text(taken)))
    } else {
      sink.line(words.goal(setup.goalSaid(words), setup.challenge.budget))
      sink.line(
        slots.count > budget
          ? words.overBudget(budget)
          : view.ended || view.deadlock
            ? words.lost : words.notYet(taken.count))
    }
    sink.flush()
    if !reached && !proved { throw ExitCode(1) }
  }
}
