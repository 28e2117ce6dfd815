import ArgumentParser
import Glibc
import InterleaveContent
import InterleavePlatform
import InterleaveProgram
import InterleaveRuntime
import InterleaveTerminal
import InterleaveText

/// `interleave run FILE.py`: a Python program (the subset in
/// `interleave help programs`) on real threads.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run a Python program on real threads, one OS thread per Python thread.",
    discussion: ProgramHelp.text)

  @Argument(help: ArgumentHelp("The program.", valueName: "FILE.py"))
  var file: String

  @OptionGroup var look: LookOptions

  @Flag(name: .long, help: "Print what the program prints, as python3 would.")
  var plain = false

  @Option(name: .long, help: "The plain output's format.")
  var format: OutputFormat = .text

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Replay this order of steps on the real threads (threads by number: 0 main, then in the order they start), as explore prints it.",
      valueName: "0x3 1x8 2"))
  var schedule: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Choose each step's thread at random among those that can go, from this seed (the same order every time), and run that order on the real threads.",
      valueName: "N"))
  var seed: UInt64?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Record the program's screen to an asciicast v2 file (as for a scenario).",
      valueName: "FILE.cast"))
  var record: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "On the screen, start the threads stepping on their own at this pace (full: run freely); space pauses.",
      valueName: "full|fast|normal|slow|MS"))
  var speed: Speed?

  @Flag(name: .long, help: "Start paused (without --speed, the screen does): n takes one step.")
  var paused = false

  @Flag(
    name: .long,
    help:
      "Drive the threads by hand: a digit steps that thread. The program screen always can; this is its start without --speed, as for a scenario's --drive."
  )
  var drive = false

  func validate() throws {
    if let schedule { _ = try Self.slots(schedule) }
    if plain || format != .text || schedule != nil || seed != nil {
      if let speed {
        throw ValidationError(
          "--speed \(speed): --plain, --format, --schedule and --seed run without a screen, "
            + "as fast as the threads go")
      }
      if paused {
        throw ValidationError(
          "--paused: --plain, --format, --schedule and --seed run without a screen to pause")
      }
      if drive {
        throw ValidationError(
          "--drive: --plain, --format, --schedule and --seed run without a screen to drive")
      }
    }
    if let speed, drive {
      throw ValidationError(
        "--drive --speed \(speed): driven threads take the steps you give them; give one")
    }
    if speed == .full, paused {
      throw ValidationError("--speed full --paused: a free run cannot start paused; give one")
    }
    if seed != nil, schedule != nil {
      throw ValidationError("--seed and --schedule both choose the order: give one")
    }
    if let record {
      if plain || schedule != nil || seed != nil || format != .text {
        throw ValidationError(
          "--record \(record): --plain, --schedule, --seed and --format run without a screen to record"
        )
      }
      try RecordingOptions.checkPath(record)
      try RecordingOptions.checkDistinct(
        outputs: [("--record", record)], inputs: [("the program", file)])
    }
  }

  /// The order `--seed` gives: at each step, a thread chosen at random
  /// (from `seed`) among those that can go, on the model, to the end.
  static func seeded(_ program: Program, seed: UInt64) throws -> [Int] {
    let model = ProgramModel(program)
    var generator = SplitMix64(seed: seed)
    var state = model.initial()
    var slots: [Int] = []
    while slots.count < seededLimit {
      let runnable = model.runnable(state)
      guard !runnable.isEmpty else { return slots }
      let slot = runnable[Int(generator.next() % UInt64(runnable.count))]
      slots.append(slot)
      state = model.step(state, slot)
    }
    InterleaveMain.notice(
      "error: --seed \(seed): the program is still going after \(Format.grouped(seededLimit)) "
        + "steps; a seeded order is made to the end first, so it needs a program that ends")
    throw ExitCode(InterleaveMain.usageError)
  }

  static let seededLimit = 1_000_000

  /// `0x3 1 2x2` as one thread number a step.
  static func slots(_ text: String) throws -> [Int] {
    switch ScheduleText.parse(text) {
    case .success(let slots): return slots
    case .failure(let error): throw ValidationError("--schedule \(error)")
    }
  }

  func run() throws {
    let program = try ProgramFile.load(file)
    let slots = try schedule.map(Self.slots) ?? seed.map { try Self.seeded(program, seed: $0) }
    if let slots, let problem = ProgramModel(program).problem(schedule: slots) {
      InterleaveMain.notice("error: --schedule: \(problem)")
      throw ExitCode(InterleaveMain.usageError)
    }
    // A schedule may take the run part of the way: said, so that a run
    // that goes otherwise on a later try is no surprise.
    if let slots, !ProgramModel(program).ends(after: slots) {
      InterleaveMain.notice(
        "note: --schedule gives the first \(slots.count) steps; the rest runs as the OS "
          + "schedules it, and may go differently each time")
    }
    if !plain, slots != nil, format == .text, isatty(STDOUT_FILENO) == 1 {
      InterleaveMain.notice(
        "note: \(schedule != nil ? "--schedule" : "--seed") runs the order on the real threads "
          + "without a screen, as --plain does; to watch the steps, run the program without it "
          + "and take them with the digit keys")
    }
    if !plain, slots == nil, format == .text, let status = try dashboard(program) {
      if status != 0 { throw ExitCode(status) }
      return
    }
    TerminalSignals.installQuit()
    let sink = LockedBox(OutputSink())
    let jsonl = format == .jsonl
    let interactive = isatty(STDOUT_FILENO) == 1
    let result = ProgramRun(program).run(
      output: { text in
        sink.withLockedValue { sink in
          if jsonl {
            sink.line(JSONValue.object([("type", "output"), ("text", .string(text))]).text)
          } else {
            sink.text(text)
            if interactive { sink.flush() }
          }
        }
      },
      errors: { text in
        sink.withLockedValue { $0.flush() }
        if jsonl {
          sink.withLockedValue {
            $0.line(JSONValue.object([("type", "error"), ("text", .string(text))]).text)
          }
        } else {
          try? FileDescriptor.writeAll(STDERR_FILENO, Array(Sanitizer.text(text).utf8))
        }
      }, stop: { TerminalSignals.pendingQuit != nil }, schedule: slots,
      scheduleIsWhole: slots.map { ProgramModel(program).finishes(after: $0) } ?? false)
    if jsonl {
      let globals = result.globals.map { ($0.0, Self.json($0.1)) }
      let summary: [(String, JSONValue)] = [
        ("type", "summary"), ("program", .string(file)), ("globals", .object(globals)),
        ("error", result.mainError.map { .string($0.line) } ?? .null),
        (
          "thread_errors",
          .array(
            result.threadErrors.map {
              .object([("thread", .string($0.0)), ("error", .string($0.1.line))])
            })
        ),
        ("cancelled", .bool(result.cancelled)),
        ("deadlock", result.deadlock.map { .string($0) } ?? .null),
      ]
      sink.withLockedValue { $0.line(JSONValue.object(summary).text) }
    }
    sink.withLockedValue { $0.flush() }
    // Where CPython would hang for good, the run ends and says why (as a
    // scenario's deadlock does, with status 0: it is an outcome).
    if let deadlock = result.deadlock { InterleaveMain.notice("deadlock: \(deadlock)") }
    if let signal = TerminalSignals.pendingQuit { throw ExitCode(128 + signal) }
    if result.mainError != nil { throw ExitCode(1) }
  }

  /// Shows the program stepped on its real threads, when there is a
  /// terminal to show it on.
  /// - Returns: the exit status, or nil to run plainly (no terminal).
  func dashboard(_ program: Program) throws -> Int32? {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
      if let record {
        InterleaveMain.notice(
          "error: --record \(record): no terminal, so there is no screen to record")
        throw ExitCode(InterleaveMain.usageError)
      }
      InterleaveMain.notice("no terminal: running \(file) as with --plain")
      return nil
    }
    let environment = Environment.current
    let theme = try look.loadTheme() ?? ThemeCatalog.defaultTheme
    let words = ProgramWords.of(look.language(environment))
    let status = try ProgramDashboardMode.run(
      title: "interleave \(file)",
      recording: record.map { DashboardMode.Recording(path: $0, headlessSize: nil) },
      theme: theme, environment: environment
    ) { screen, _ in
      var dashboard = ProgramDashboard(file: file, screen: screen, words: words) {
        ProgramStepper(program: program, cpuCount: Self.cpuCount)
      }
      if let speed { dashboard.start(at: speed, paused: paused) }
      return dashboard
    }
    if status == nil { InterleaveMain.notice("running \(file) as with --plain") }
    return status
  }

  static var cpuCount: Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

  /// A global's value in JSON: numbers, booleans and strings as they are,
  /// lists and tuples as arrays.
  static func json(_ value: ProgramValue) -> JSONValue {
    switch value {
    case .none: return .null
    case .bool(let value): return .bool(value)
    case .int(let value): return .int(value)
    case .float(let value): return .double(value)
    case .str(let text): return .string(text)
    case .tuple(let items), .list(let items): return .array(items.map(json))
    default: return .null
    }
  }
}
