import ArgumentParser
import Glibc
import InterleaveDashboard
import InterleaveRuntime

/// `interleave [SCENARIO] [options]`: the dashboard or the plain transcript;
/// `interleave explore ...` for the explorer.
public struct InterleaveCommand: ParsableCommand {
  public static let version = "0.2.0"

  public static let configuration = CommandConfiguration(
    commandName: "interleave",
    abstract: "Watch real threads interleave: races, locks and deadlocks, live.",
    discussion: """
      Scenarios: loop (start and join a thread), race (balance += n; balance -= n \
      with no lock), locked (the same with a lock), coarse (one lock held across a \
      whole loop), deadlock (two locks, opposite orders), atomic (an atomic add).
      """,
    version: version,
    subcommands: [ExploreCommand.self, LessonCommand.self])

  @Argument(help: "loop, race, locked, coarse, deadlock or atomic.")
  var scenario: String = Scenario.loop.rawValue

  @Option(
    name: .long, parsing: .unconditional,
    help: "Worker threads, 1...256 (default: online CPU cores).")
  var threads: Int?

  @Option(
    name: .long, parsing: .unconditional,
    help: "Iterations per worker for race, locked, atomic and deadlock.")
  var iterations: Int = RunConfiguration.defaultIterations

  @Option(
    name: .long, parsing: .unconditional,
    help:
      "full, fast, normal, slow, or milliseconds per step (default: normal in the dashboard, full in plain mode)."
  )
  var speed: String?

  @Option(name: .long, help: "en or zh (default: from LANG).")
  var lang: String?

  @Flag(name: .long, help: "Print one line per event instead of drawing the dashboard.")
  var plain = false

  @Option(name: .long, help: "text or jsonl (plain mode).")
  var format: String = OutputFormat.text.rawValue

  @Option(name: .long, help: "A built-in theme name or a theme .toml file (default: default).")
  var theme: String?

  @Flag(name: .long, help: "List the built-in themes and exit.")
  var listThemes = false

  // A string, taken even when it starts with "-", so that "--seed -1" gets
  // a message about the seed rather than ArgumentParser's "Missing value".
  @Option(
    name: .long, parsing: .unconditional,
    help:
      "Run one step at a time, the next thread chosen by a generator seeded with N (0...2^64-1).")
  var seed: String?

  @Option(name: .long, help: "Write the thread order of a seeded run to FILE.")
  var scheduleOut: String?

  @Option(name: .long, help: "Replay the thread order in FILE (from --schedule-out).")
  var scheduleIn: String?

  @Option(name: .long, help: "Record what the dashboard shows to FILE (asciicast v2).")
  var record: String?

  public init() {}

  // MARK: - Validation

  /// The options, checked; every failure names the flag and what it accepts.
  struct Resolved {
    var configuration: RunConfiguration
    var language: Language
    var format: OutputFormat
    /// The delay was given with `--speed` (otherwise it depends on the mode).
    var speedGiven: Bool
    var theme: Theme
    var schedule: Schedule?
    var scheduleOut: String?
  }

  func resolve(environment: [String: String]) throws -> Resolved {
    guard let scenario = Scenario(rawValue: scenario.lowercased()) else {
      throw ValidationError(
        "unknown scenario '\(self.scenario)' (expected one of: "
          + Scenario.allCases.map(\.rawValue).joined(separator: ", ") + ")")
    }
    let threads =
      threads ?? min(RunConfiguration.onlineCores, RunConfiguration.threadRange.upperBound)
    guard RunConfiguration.threadRange.contains(threads) else {
      throw ValidationError("--threads must be between 1 and 256 (got \(threads))")
    }
    guard RunConfiguration.iterationRange.contains(iterations) else {
      throw ValidationError(
        "--iterations must be between 1 and \(RunConfiguration.iterationRange.upperBound) (got \(iterations))"
      )
    }
    var pace = Speed.full
    if let speed {
      guard let parsed = Speed(parsing: speed) else {
        throw ValidationError(
          "--speed must be full, fast, normal, slow or 0...60000 milliseconds (got '\(speed)')")
      }
      pace = parsed
    }
    let language = try SharedOptions.language(lang, environment: environment)
    guard let format = OutputFormat(rawValue: format.lowercased()) else {
      throw ValidationError("--format must be text or jsonl (got '\(format)')")
    }
    let chosenTheme = try SharedOptions.theme(theme)
    let configuration = RunConfiguration(
      scenario: scenario, threads: threads, iterations: iterations, speed: pace)
    var schedule: Schedule?
    if let seed {
      guard let value = UInt64(seed) else {
        throw ValidationError(
          "--seed must be a whole number 0...18446744073709551615 (got '\(seed)')")
      }
      schedule = .seeded(value)
    }
    if let scheduleIn {
      guard seed == nil else {
        throw ValidationError("--schedule-in replays a schedule: leave out --seed")
      }
      do {
        let text = try TextFile.read(scheduleIn, limit: 256 << 20)
        schedule = .replay(try ScheduleFile.order(from: text, for: configuration), path: scheduleIn)
      } catch let error as ScheduleError {
        throw ValidationError("--schedule-in \(scheduleIn): \(error)")
      } catch {
        throw ValidationError("--schedule-in \(scheduleIn): \(error)")
      }
    }
    if let scheduleOut {
      guard schedule != nil else {
        throw ValidationError(
          "--schedule-out needs --seed (or --schedule-in): only a scheduled run has one order")
      }
      guard TextFile.isWritable(scheduleOut) else {
        throw ValidationError("--schedule-out \(scheduleOut): cannot write there")
      }
    }
    return Resolved(
      configuration: configuration, language: language, format: format, speedGiven: speed != nil,
      theme: chosenTheme, schedule: schedule, scheduleOut: scheduleOut)
  }

  public func validate() throws {
    _ = try resolve(environment: [:])
    if let record {
      try RecordingOptions.checkPath(record)
      guard !plain else {
        throw ValidationError("--record records the dashboard: leave out --plain")
      }
    }
  }

  public func run() throws {
    if listThemes {
      for (name, description) in ThemeCatalog.descriptions() {
        print(name.padding(toLength: 15) + description)
      }
      return
    }
    let environment = Environment.current
    var resolved = try resolve(environment: environment)
    if !plain, let reason = Self.plainReason(environment) {
      Self.notice("\(reason): running in plain mode (--plain)")
    } else if !plain {
      if !resolved.speedGiven { resolved.configuration.speed = .normal }
      let status = DashboardMode.run(
        resolved, environment: environment,
        recording: record.map { DashboardMode.Recording(path: $0, headlessSize: nil) })
      if status != 0 { throw ExitCode(status) }
      return
    }
    let outcome = PlainRunner(
      configuration: resolved.configuration, language: resolved.language, format: resolved.format,
      schedule: resolved.schedule
    ).run(into: OutputSink())
    try Self.finish(outcome, resolved)
  }

  /// Reports a schedule that did not fit and writes `--schedule-out`.
  static func finish(_ outcome: PlainRunner.Outcome?, _ resolved: Resolved) throws {
    guard let outcome else { return }
    let refused = outcome.summary.failedThreads
    if refused > 0 {
      notice(
        "error: the system refused to start \(refused) of \(resolved.configuration.threads + 1) "
          + "threads (memory or a limit: see ulimit -s, ulimit -v)")
      throw ExitCode(1)
    }
    if let problem = outcome.scheduleProblem {
      let flag = resolved.schedule?.flag ?? "--seed"
      notice("error: \(flag): \(problem)")
      throw ExitCode(InterleaveMain.usageError)
    }
    if let path = resolved.scheduleOut, let order = outcome.order {
      do {
        try TextFile.write(
          ScheduleFile.text(order: order, configuration: resolved.configuration), to: path)
      } catch {
        notice("error: --schedule-out \(path): \(error)")
        throw ExitCode(1)
      }
    }
  }

  /// Why the dashboard cannot run here, if it cannot.
  static func plainReason(_ environment: [String: String]) -> String? {
    if isatty(STDOUT_FILENO) == 0 { return "stdout is not a terminal" }
    if isatty(STDIN_FILENO) == 0 { return "stdin is not a terminal" }
    let term = environment["TERM"] ?? ""
    if term.isEmpty { return "TERM is not set" }
    if term == "dumb" { return "TERM is dumb" }
    return nil
  }

  static func notice(_ text: String) {
    let line = "interleave: \(text)\n"
    _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
  }
}

extension String {
  /// The string padded with spaces to `length` characters.
  func padding(toLength length: Int) -> String {
    self + String(repeating: " ", count: max(1, length - count))
  }
}
