import ArgumentParser
import Glibc
import InterleavePlatform
import InterleaveRuntime
import InterleaveText

/// `interleave explore SCENARIO`: every schedule, and what each leads to.
struct ExploreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explore",
    abstract: "Run a scenario under every possible schedule and count the outcomes.",
    discussion: """
      Each step (read, write, acquire, release, sleep) is one choice of which thread \
      goes next; every choice is tried, depth first, on real threads.
      """)

  @Argument(help: "What the threads do.")
  var scenario: Scenario = .race

  @Option(name: .long, parsing: .unconditional, help: "Worker threads, 1...8.")
  var threads: Int = 2

  @Option(name: .long, parsing: .unconditional, help: "Iterations per worker.")
  var iterations: Int = 1

  @Option(name: .long, help: "The output's format.")
  var format: OutputFormat = .text

  @Option(
    name: .long,
    help: "Write one schedule file per outcome into DIR, made if missing (for --schedule-in).")
  var saveSchedules: String?

  init() {}

  func configuration() throws -> RunConfiguration {
    guard (1...8).contains(threads) else {
      throw ValidationError("--threads must be between 1 and 8 for explore (got \(threads))")
    }
    guard (1...1000).contains(iterations) else {
      throw ValidationError(
        "--iterations must be between 1 and 1000 for explore (got \(iterations))")
    }
    let configuration = RunConfiguration(
      scenario: scenario, threads: threads, iterations: iterations)
    let bound = Explorer.bound(configuration)
    guard bound <= Double(Explorer.limit) else {
      throw ValidationError(
        "\(scenario.id) with \(Self.count(threads, "thread")) x \(Self.count(iterations, "iteration")) has "
          + "\(Self.upTo(bound)) schedules; the explorer stops at "
          + "\(Self.grouped(Double(Explorer.limit))) (use fewer threads or iterations)")
    }
    return configuration
  }

  func validate() throws {
    _ = try configuration()
    if let saveSchedules {
      var info = stat()
      if stat(saveSchedules, &info) == 0, info.st_mode & S_IFMT != S_IFDIR {
        throw ValidationError("--save-schedules \(saveSchedules): not a folder")
      }
    }
  }

  func run() throws {
    let configuration = try configuration()
    let result = Explorer.explore(configuration)
    let sink = OutputSink()
    let outcomes = result.outcomes.sorted { $0.key < $1.key }
    var files: [Explorer.Outcome: String] = [:]
    if let folder = saveSchedules {
      do {
        try TextFile.makeFolders(folder)
      } catch {
        InterleaveMain.notice("error: --save-schedules \(folder): \(error)")
        throw ExitCode(1)
      }
      for (outcome, stats) in outcomes {
        let path =
          folder
          + "/\(configuration.scenario.id)-\(threads)x\(iterations)-\(Self.slug(outcome)).schedule"
        do {
          try TextFile.write(
            ScheduleFile.text(order: stats.example, configuration: configuration), to: path)
        } catch {
          InterleaveMain.notice("error: --save-schedules \(path): \(error)")
          throw ExitCode(1)
        }
        files[outcome] = path
      }
    }
    if format == .jsonl {
      for (outcome, stats) in outcomes {
        var pairs: [(String, JSONValue)] = [("type", "outcome")]
        switch outcome {
        case .balance(let value): pairs += [("outcome", "balance"), ("balance", .int(value))]
        case .deadlock: pairs += [("outcome", "deadlock"), ("balance", .null)]
        case .finished: pairs += [("outcome", "finished"), ("balance", .null)]
        }
        pairs += [
          ("schedules", .int(stats.count)), ("example", .array(stats.example.map(JSONValue.int))),
          ("file", files[outcome].map(JSONValue.string) ?? .null),
        ]
        sink.line(JSONValue.object(pairs).text)
      }
      sink.line(
        JSONValue.object([
          ("type", "summary"), ("scenario", .string(configuration.scenario.id)),
          ("threads", .int(threads)), ("iterations", .int(iterations)),
          ("schedules", .int(result.schedules)),
          ("bound", .int(Int(Explorer.bound(configuration)))),
          ("outcomes", .int(outcomes.count)),
        ]).text)
      sink.flush()
      return
    }
    sink.line(
      "\(configuration.scenario.id), \(Self.count(threads, "thread")) x "
        + "\(Self.count(iterations, "iteration")): \(Self.grouped(Double(result.schedules))) schedules"
    )
    sink.line("")
    sink.line("outcome            schedules    share  one schedule that reproduces it")
    for (outcome, stats) in outcomes {
      let share = Double(stats.count) / Double(result.schedules) * 100
      let reproduce =
        files[outcome].map {
          "interleave \(configuration.scenario.id) --threads \(threads) --iterations \(iterations) --schedule-in \($0)"
        } ?? Self.compact(stats.example)
      sink.line(
        Self.pad(Self.label(outcome), 17) + Self.padLeft(Self.grouped(Double(stats.count)), 11)
          + Self.padLeft(Duration.rounded(share, 1) + "%", 9) + "  " + reproduce)
    }
    sink.flush()
  }

  static func label(_ outcome: Explorer.Outcome) -> String {
    switch outcome {
    case .balance(let value): return "balance \(value)"
    case .deadlock: return "deadlock"
    case .finished: return "finished"
    }
  }

  static func slug(_ outcome: Explorer.Outcome) -> String {
    switch outcome {
    case .balance(let value): return "balance\(value)"
    case .deadlock: return "deadlock"
    case .finished: return "finished"
    }
  }

  /// `1 thread`, `2 threads`.
  static func count(_ value: Int, _ noun: String) -> String {
    "\(value) \(noun)" + (value == 1 ? "" : "s")
  }

  /// `11212122` (threads 1-9 fit one digit each).
  static func compact(_ order: [Int]) -> String { order.map(String.init).joined() }

  static func grouped(_ value: Double) -> String { Format.grouped(Int(value)) }

  /// `up to 12,870`; past what an Int holds, `up to about 10^42` or `more than 10^308`.
  static func upTo(_ bound: Double) -> String {
    guard bound.isFinite else { return "more than 10^308" }
    guard bound < 1e15 else { return "up to about 10^\(Int(log10(bound)))" }
    return "up to " + grouped(bound)
  }

  static func pad(_ text: String, _ width: Int) -> String {
    text + String(repeating: " ", count: max(1, width - text.count))
  }

  static func padLeft(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(1, width - text.count)) + text
  }
}
