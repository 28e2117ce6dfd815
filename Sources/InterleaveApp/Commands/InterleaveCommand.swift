import ArgumentParser
import Glibc
import InterleaveContent
import InterleavePlatform
import InterleaveRuntime
import InterleaveText

/// `interleave [SCENARIO] [options]`: the dashboard, or the plain transcript.
public struct InterleaveCommand: ParsableCommand {
  public static let version = "0.3.0"

  public static let configuration = CommandConfiguration(
    commandName: "interleave",
    abstract: "Watch real threads interleave: races, locks and deadlocks, live.",
    discussion: """
      Scenarios: \(Scenario.all.map(\.id).joined(separator: ", ")). \
      'interleave help lesson', 'interleave help explore' and 'interleave help challenge' \
      describe the subcommands; 'interleave FILE.py' runs a program of your own \
      ('interleave help programs'); 'interleave help figures' says what each figure on \
      the dashboard counts.

      Output files (--trace-out, --schedule-out, --record, --captions, --svg, ...): a \
      regular file is replaced whole, through a new file beside it renamed over it (a \
      recording is written in place as it goes); a FIFO or a device such as /dev/null is \
      written where it stands; a symbolic link is followed and stays. A folder, a block \
      device, a link to nothing or a FIFO nobody reads is refused (exit 73). Two outputs \
      on one file, or an output on an input, are refused (exit 64). A write that fails, \
      to a file or to stdout, ends with one line and exit 74.
      """,
    version: version,
    subcommands: [
      RunCommand.self, ExploreCommand.self, LessonCommand.self, ChallengeCommand.self,
      ConfigCommand.self, RenderCommand.self,
    ])

  @Argument(help: "What the threads do.")
  var scenario: Scenario = .loop

  @OptionGroup var options: RunOptions
  @OptionGroup var look: LookOptions

  @Flag(name: .long, help: "Print one line per event instead of drawing the dashboard.")
  var plain = false

  @Option(name: .long, help: "The plain output's format.")
  var format: OutputFormat = .text

  @Flag(name: .long, help: "List the built-in themes and exit.")
  var listThemes = false

  @Option(name: .long, help: "Record what the dashboard shows to FILE (asciicast v2).")
  var record: String?

  @Flag(
    name: .long,
    help: "Leave the mouse to the terminal (by default a click switches tab or focuses a pane).")
  var noMouse = false

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Write the run (every run of a dashboard session) as a Trace Event Format file for Perfetto or chrome://tracing.",
      valueName: "file.json"))
  var traceOut: String?

  public init() {}

  public func validate() throws {
    try options.scenarioFlags.check(for: scenario)
    if let threads = options.threads { try RunOptions.check(threads: threads, for: scenario) }
    try options.checkIterations(for: scenario)
    if options.drive, plain {
      throw ValidationError("--drive needs the dashboard (you press the keys): leave out --plain")
    }
    if let traceOut { try RecordingOptions.checkPath(traceOut, flag: "--trace-out") }
    try RecordingOptions.checkDistinct(
      outputs: [
        ("--record", record), ("--trace-out", traceOut), ("--schedule-out", options.scheduleOut),
      ],
      inputs: [("--schedule-in", options.scheduleIn), ("--theme", look.theme)])
    if let record {
      try RecordingOptions.checkPath(record)
      guard !plain else {
        throw ValidationError("--record records the dashboard: leave out --plain")
      }
    }
  }

  /// The settings for `mode`, the schedule file read and checked.
  func settings(plain: Bool, environment: [String: String]) throws -> Settings {
    let configuration = options.configuration(
      scenario,
      defaultSpeed: plain
        ? Settings.plainSpeed : ConfigFile.settings.speed ?? Settings.dashboardSpeed)
    var settings = Settings(
      configuration: configuration, language: look.language(environment),
      theme: try look.loadTheme(), schedule: try options.schedule(for: configuration),
      environment: environment)
    settings.startPaused = options.paused && !plain
    settings.traceOut = traceOut
    settings.mouse = !noMouse && ConfigFile.settings.mouse != false
    return settings
  }

  public func run() throws {
    if listThemes {
      let sink = OutputSink()
      for (name, description) in ThemeCatalog.descriptions() {
        sink.line(name.padding(toLength: 15) + description)
      }
      sink.flush()
      return
    }
    let environment = Environment.current
    // Everything is read and checked before anything is printed or started.
    let plainSettings = try settings(plain: true, environment: environment)
    look.warnAboutContrast(try look.loadTheme())
    if !plain, let reason = Self.plainReason(environment) {
      if let record {
        throw ValidationError("--record \(record): \(reason), so there is no dashboard to record")
      }
      if options.drive {
        throw ValidationError("--drive: \(reason), so there are no keys to drive with")
      }
      InterleaveMain.notice("\(reason): running in plain mode (--plain)")
    } else if !plain {
      let settings = try settings(plain: false, environment: environment)
      switch DashboardMode.run(
        settings, environment: environment,
        recording: record.map { DashboardMode.Recording(path: $0, headlessSize: nil) },
        title: "interleave \(scenario.id)")
      {
      case .ran(let status, _):
        if status != 0 { throw ExitCode(status) }
        return
      case .failed(let status): throw ExitCode(status)
      case .noTerminal(let reason):
        if let record {
          InterleaveMain.notice("error: --record \(record): \(reason)")
          throw ExitCode(InterleaveMain.usageError)
        }
        InterleaveMain.notice("\(reason): running in plain mode (--plain)")
      }
    }
    try runPlain(plainSettings)
  }

  /// Runs the transcript, then reports what a scheduled or refused run left.
  func runPlain(_ settings: Settings) throws {
    guard
      let outcome = PlainRunner(settings: settings, format: format).run(into: OutputSink())
    else { return }
    if let signal = outcome.signal { throw ExitCode(128 + signal) }
    if let status = outcome.traceFailure { throw ExitCode(status) }
    let refused = outcome.summary.failedThreads
    if refused > 0 {
      let strings = settings.language.strings
      let total = settings.configuration.threads
      InterleaveMain.notice(
        "error: "
          + (outcome.summary.refusal.map {
            strings.refusedChildren(refused, of: total, because: $0)
          }
            ?? strings.refusedError(refused, of: total + 1)))
      throw ExitCode(1)
    }
    if let problem = outcome.scheduleProblem {
      InterleaveMain.notice("error: \(settings.schedule?.flag ?? "--seed"): \(problem)")
      throw ExitCode(InterleaveMain.usageError)
    }
    if let path = options.scheduleOut {
      guard let order = outcome.order else {
        InterleaveMain.notice(
          "error: --schedule-out \(path): the run took more than "
            + "\(Format.grouped(StepScheduler.orderLimit)) steps, too many to keep their order")
        throw ExitCode(1)
      }
      do {
        try TextFile.write(
          ScheduleFile.text(order: order, configuration: settings.configuration), to: path)
      } catch {
        InterleaveMain.notice("error: --schedule-out \(path): \(error)")
        throw ExitCode(error.exitStatus)
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
}

extension String {
  /// The string padded with spaces to `length` characters.
  func padding(toLength length: Int) -> String {
    self + String(repeating: " ", count: max(1, length - count))
  }
}
