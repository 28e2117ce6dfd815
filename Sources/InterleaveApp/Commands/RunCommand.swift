import ArgumentParser
import Glibc
import InterleaveContent
import InterleavePlatform
import InterleaveProgram
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

  func validate() throws {
    if let schedule { _ = try Self.slots(schedule) }
  }

  /// `0x3 1 2x2` as one thread number a step.
  static func slots(_ text: String) throws -> [Int] {
    var slots: [Int] = []
    for (index, item) in text.split(separator: " ").enumerated() {
      let parts = item.split(separator: "x", omittingEmptySubsequences: false)
      guard (1...2).contains(parts.count), let thread = Int(parts[0]), thread >= 0,
        let count = parts.count == 2 ? Int(parts[1]) : 1, (1...1_000_000).contains(count),
        slots.count + count <= 64_000_000
      else {
        throw ValidationError(
          "--schedule '\(text)': item \(index + 1) ('\(item)'): expected THREAD or THREADxSTEPS, such as 1x4"
        )
      }
      slots += Array(repeating: thread, count: count)
    }
    return slots
  }

  func run() throws {
    let program: Program
    do {
      program = try ProgramSource.load(file)
    } catch {
      // FILE.py:LINE:COL: error: ..., as a compiler says it.
      let line = error.atLine ? error.description : "interleave: error: \(error.description)"
      try? FileDescriptor.writeAll(STDERR_FILENO, Array((Sanitizer.line(line) + "\n").utf8))
      throw ExitCode(error.status)
    }
    let slots = try schedule.map(Self.slots)
    if let slots, let problem = ProgramModel(program).problem(schedule: slots) {
      InterleaveMain.notice("error: --schedule: \(problem)")
      throw ExitCode(InterleaveMain.usageError)
    }
    if !plain, schedule == nil, format == .text, let status = try dashboard(program) {
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
      }, stop: { TerminalSignals.pendingQuit != nil }, schedule: slots)
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
      ]
      sink.withLockedValue { $0.line(JSONValue.object(summary).text) }
    }
    sink.withLockedValue { $0.flush() }
    if let signal = TerminalSignals.pendingQuit { throw ExitCode(128 + signal) }
    if result.mainError != nil { throw ExitCode(1) }
  }

  /// Shows the program stepped on its real threads, when there is a
  /// terminal to show it on.
  /// - Returns: the exit status, or nil to run plainly (no terminal).
  func dashboard(_ program: Program) throws -> Int32? {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
      InterleaveMain.notice("no terminal: running \(file) as with --plain")
      return nil
    }
    let screen: NcursesScreen
    do {
      screen = try NcursesScreen(
        theme: try look.loadTheme() ?? ThemeCatalog.defaultTheme,
        environment: Environment.current)
    } catch {
      InterleaveMain.notice("\(error): running \(file) as with --plain")
      return nil
    }
    defer { screen.stop() }
    var dashboard = ProgramDashboard(
      file: file, screen: screen, words: ProgramWords.of(look.language(Environment.current))
    ) { ProgramStepper(program: program, cpuCount: Self.cpuCount) }
    return dashboard.loop()
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
