import ArgumentParser
import Glibc
import InterleavePlatform
import InterleaveRuntime
import InterleaveText

/// `interleave explore SCENARIO`: every schedule counted, by outcome, with
/// the simplest way to each, checked on real threads.
struct ExploreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explore",
    abstract:
      "Count every possible schedule of a scenario by outcome, and show the simplest of each.",
    discussion: """
      Each step (read, write, acquire, release, sleep) is one choice of which thread goes \
      next. The count is exact, made over the scenario's states rather than one schedule at \
      a time; each outcome's simplest schedule (fewest preemptions) is then run on real \
      threads to check it. --replay-all runs every schedule on real threads instead (small \
      sizes); --observe N adds what N free-running and N seeded runs really did.
      """)

  @Argument(help: "What the threads do.")
  var scenario: Scenario = .race

  @Option(name: .long, parsing: .unconditional, help: "Worker threads, 1...8.")
  var threads: Int = 2

  @Option(name: .long, parsing: .unconditional, help: "Iterations per worker, 1...1000.")
  var iterations: Int = 1

  @Option(name: .long, help: "The output's format.")
  var format: OutputFormat = .text

  @OptionGroup(title: "Scenario options")
  var scenarioFlags: ScenarioFlags

  @Option(
    name: .long, parsing: .unconditional,
    help: "Also run N times at full speed and N times seeded (1...100000), and count what happened."
  )
  var observe: Int?

  @Flag(
    name: .long,
    help: "Run every schedule on real threads and compare with the count (at most 50,000).")
  var replayAll = false

  @Option(
    name: .long, parsing: .unconditional,
    help: "Stop counting past this many states (memory: about 100 bytes each).")
  var maxStates: Int = ScheduleExplorer.stateLimit

  @Flag(name: .long, help: "Do not run the simplest schedules on real threads.")
  var noReplay = false

  @Option(
    name: .long,
    help: "Write one schedule file per outcome into DIR, made if missing (for --schedule-in).")
  var saveSchedules: String?

  /// The most schedules `--replay-all` runs one by one.
  static let replayAllLimit = 50_000

  init() {}

  func configuration() throws -> RunConfiguration {
    guard (1...8).contains(threads) else {
      throw ValidationError("--threads must be between 1 and 8 for explore (got \(threads))")
    }
    guard (1...1000).contains(iterations) else {
      throw ValidationError(
        "--iterations must be between 1 and 1000 for explore (got \(iterations))")
    }
    if let observe, !(1...100_000).contains(observe) {
      throw ValidationError("--observe must be between 1 and 100000 (got \(observe))")
    }
    try scenarioFlags.check(for: scenario)
    try RunOptions.check(threads: threads, for: scenario)
    if scenarioFlags.trials != nil {
      throw ValidationError("--trials: the explorer takes one trial (each is the same four steps)")
    }
    let configuration = RunConfiguration(
      scenario: scenario, threads: threads, iterations: iterations,
      options: scenarioFlags.options)
    guard (1...1_000_000_000).contains(maxStates) else {
      throw ValidationError("--max-states must be between 1 and 1000000000 (got \(maxStates))")
    }
    let places = scenario.model(configuration).places
    guard places <= Double(maxStates) else {
      throw ValidationError(
        "\(sizeText) has \(Self.atLeast(places)) states (the places its threads can be at "
          + "together); the explorer stops at \(Format.grouped(maxStates)) "
          + "(use fewer threads or iterations)")
    }
    return configuration
  }

  /// `race with 2 threads x 4 iterations`.
  var sizeText: String {
    "\(scenario.id) with \(ExploreReport.count(threads, "thread")) x "
      + ExploreReport.count(iterations, "iteration")
  }

  func validate() throws {
    _ = try configuration()
    if let budget = Self.memoryBudget(), maxStates > budget / Self.bytesPerState {
      throw ValidationError(
        "--max-states \(Format.grouped(maxStates)) would take about "
          + "\(Self.gigabytes(maxStates * Self.bytesPerState)) GB, more than the "
          + "\(Self.gigabytes(budget)) GB this process may use "
          + "(at most \(Format.grouped(budget / Self.bytesPerState)) here)")
    }
    if let saveSchedules {
      var info = stat()
      if stat(saveSchedules, &info) == 0 {
        guard info.st_mode & S_IFMT == S_IFDIR else {
          throw ValidationError("--save-schedules \(saveSchedules): not a folder")
        }
        guard access(saveSchedules, W_OK | X_OK) == 0 else {
          throw ValidationError("--save-schedules \(saveSchedules): cannot write there")
        }
      } else {
        // Made now, not after the counting: a folder that cannot be made
        // is said before minutes of work.
        do {
          try TextFile.makeFolders(saveSchedules)
        } catch {
          throw ValidationError("--save-schedules \(saveSchedules): \(error)")
        }
      }
    }
  }

  /// What one explored state costs, measured: 16,000,000 states of
  /// `race --threads 4 --iterations 2` took about 1.5 GB.
  static let bytesPerState = 100

  /// The memory this process may use: the smaller of its address-space
  /// limit and the memory available now (nil when neither is known).
  static func memoryBudget() -> Int? {
    var limit = rlimit()
    let addressSpace =
      getrlimit(Int32(RLIMIT_AS.rawValue), &limit) == 0 && limit.rlim_cur != rlim_t.max
      ? Int(clamping: limit.rlim_cur) : nil
    return memoryBudget(addressSpace: addressSpace, meminfo: try? TextFile.read("/proc/meminfo"))
  }

  /// The smaller of an address-space limit and `MemAvailable` in a
  /// `/proc/meminfo` text, either of which may be unknown.
  static func memoryBudget(addressSpace: Int?, meminfo: String?) -> Int? {
    var budgets = addressSpace.map { [$0] } ?? []
    if let line = meminfo?.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }),
      let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? ""),
      kilobytes < Int.max / 1024
    {
      budgets.append(kilobytes * 1024)
    }
    return budgets.min()
  }

  static func gigabytes(_ bytes: Int) -> String {
    String(Double(bytes / 100_000_000) / 10)
  }

  func run() throws {
    let configuration = try configuration()
    var report = try count(configuration)
    if replayAll { try runEverySchedule(&report) }
    if !noReplay { replayWitnesses(&report) }
    if let observe { Self.observe(&report, runs: observe) }
    if let folder = saveSchedules { try save(&report, into: folder) }
    let sink = OutputSink()
    for line in format == .jsonl ? report.jsonl() : report.text() { sink.line(line) }
    sink.flush()
    let problems = report.problems
    guard problems.isEmpty else {
      for problem in problems { InterleaveMain.notice("error: \(problem)") }
      InterleaveMain.notice(
        "error: the count and the real threads disagree: please report this with the command above")
      throw ExitCode(1)
    }
  }

  /// The exact count, by outcome, with each outcome's simplest schedule.
  func count(_ configuration: RunConfiguration) throws -> ExploreReport {
    let started = MonotonicClock.now()
    let progress = ExploreProgress()
    var explorer = ScheduleExplorer(scenario.model(configuration), limit: maxStates) {
      progress.show(states: $0)
    }
    let results: [ScheduleExplorer.Result]
    do {
      results = try explorer.explore()
    } catch {
      progress.clear()
      let steps = Int(scenario.model(configuration).steps)
      InterleaveMain.notice(
        error.estimated
          ? "error: \(sizeText) has more states than the limit of \(Format.grouped(maxStates)) "
            + "(estimated at step \(error.step) of \(steps) from the steps counted so far: about "
            + "\(Format.grouped(error.states)) or more); the explorer stops there (use fewer "
            + "threads or iterations, or raise --max-states)"
          : "error: \(sizeText) has more than \(Format.grouped(error.states)) states (passed by "
            + "step \(error.step) of \(steps)); the explorer stops there (use fewer threads or "
            + "iterations, or raise --max-states)")
      throw ExitCode(64)
    }
    progress.clear()
    return ExploreReport(
      configuration: configuration, total: ScheduleExplorer.total(results),
      states: explorer.states,
      seconds: Double(MonotonicClock.now() - started) / 1e9,
      rows: results.map {
        ExploreRow(
          outcome: $0.outcome, schedules: $0.schedules, witness: $0.witness,
          preemptions: $0.preemptions)
      })
  }

  /// Runs every outcome's simplest schedule on real threads.
  func replayWitnesses(_ report: inout ExploreReport) {
    for index in report.rows.indices where !report.rows[index].witness.isEmpty {
      let row = report.rows[index]
      let real = Run.replay(report.configuration, row.witness)
      report.rows[index].replay = real == row.outcome ? .agreed : .disagreed(real)
    }
  }

  /// `--replay-all`: every schedule on real threads, one by one.
  func runEverySchedule(_ report: inout ExploreReport) throws {
    guard let total = report.total.uint64, total <= Self.replayAllLimit else {
      throw ValidationError(
        "--replay-all runs every schedule on real threads: \(sizeText) has "
          + "\(ExploreReport.grouped(report.total)), at most \(Format.grouped(Self.replayAllLimit))"
      )
    }
    report.replayedAll = true
    for (outcome, runs) in EveryScheduleRunner.run(report.configuration) {
      Self.tally(&report, outcome) { $0.replayedAll += runs }
    }
  }

  /// `--observe N`: N free runs at full speed and N seeded runs.
  static func observe(_ report: inout ExploreReport, runs: Int) {
    report.observed = runs
    for seed in 0..<runs {
      tally(&report, Run.seeded(report.configuration, seed: UInt64(seed) &+ 1)) { $0.seeded += 1 }
      tally(&report, Run.observed(report.configuration)) { $0.fullSpeed += 1 }
    }
  }

  /// Adds to the row of `outcome`, or to a new one if nothing counted it.
  static func tally(
    _ report: inout ExploreReport, _ outcome: Outcome, _ add: (inout ExploreRow) -> Void
  ) {
    if let index = report.rows.firstIndex(where: { $0.outcome == outcome }) {
      add(&report.rows[index])
      return
    }
    var row = ExploreRow(outcome: outcome, schedules: .zero, witness: [], preemptions: 0)
    add(&row)
    report.rows.append(row)
    report.rows.sort { $0.outcome < $1.outcome }
  }

  /// `--save-schedules DIR`: each simplest schedule as a file.
  func save(_ report: inout ExploreReport, into folder: String) throws {
    do {
      try TextFile.makeFolders(folder)
    } catch {
      InterleaveMain.notice("error: --save-schedules \(folder): \(error)")
      throw ExitCode(1)
    }
    for index in report.rows.indices where !report.rows[index].witness.isEmpty {
      let row = report.rows[index]
      // `balance -3` and `balance 3` must not both become `balance3`.
      let slug = String(
        row.outcome.description.compactMap { character -> Character? in
          if character == " " { return "_" }
          return character.isLetter || character.isNumber || "-=".contains(character)
            ? character : nil
        })
      let path = folder + "/\(scenario.id)-\(threads)x\(iterations)-\(slug).schedule"
      do {
        try TextFile.write(
          ScheduleFile.text(order: row.witness, configuration: report.configuration), to: path)
      } catch {
        InterleaveMain.notice("error: --save-schedules \(path): \(error)")
        throw ExitCode(error.exitStatus)
      }
      report.rows[index].file = path
    }
  }

  /// `at least 4,000,000`, or `at least about 10^28` past what an Int holds.
  static func atLeast(_ value: Double) -> String {
    guard value.isFinite else { return "more than 10^308" }
    guard value < 1e15 else { return "at least about 10^\(Int(log10(value)))" }
    return "at least " + Format.grouped(Int(value))
  }
}
