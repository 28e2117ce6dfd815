import ArgumentParser
import Glibc
import InterleaveDashboard
import InterleaveRuntime

/// `interleave lesson NAME|PATH`: a scripted lesson in the dashboard,
/// optionally recorded, optionally with no terminal at all.
struct LessonCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lesson",
    abstract: "Play a scripted lesson in the dashboard (and record it).",
    discussion: """
      Built-in lessons: 1 threads, 2 race, 3 lock, 4 lock-costs, 5 low-level-lock, \
      6 atomics. A lesson file is TOML: see lessons/*.toml.
      """)

  @Argument(help: "A built-in lesson (01-threads, 2, race, ...) or a lesson .toml file.")
  var lesson: String?

  @Flag(name: .long, help: "List the built-in lessons and exit.")
  var list = false

  @Option(name: .long, help: "en or zh (default: from LANG).")
  var lang: String?

  @Option(name: .long, help: "A built-in theme name or a theme .toml file.")
  var theme: String?

  @Option(name: .long, help: "Record what the terminal shows to FILE (asciicast v2).")
  var record: String?

  @Flag(name: .long, help: "No terminal: play the lesson into the --record file and exit.")
  var headless = false

  @Option(name: .long, help: "The recording's size with --headless (default 100x30).")
  var size: String = "100x30"

  init() {}

  func language(_ environment: [String: String]) throws -> Language {
    try SharedOptions.language(lang, environment: environment)
  }

  func loadLesson() throws -> Lesson {
    guard let lesson else {
      throw ValidationError("name a lesson (see 'interleave lesson --list')")
    }
    do {
      return try LessonCatalog.load(lesson)
    } catch {
      throw ValidationError("\(error)")
    }
  }

  func validate() throws {
    _ = try language([:])
    guard !list else { return }
    _ = try loadLesson()
    _ = try SharedOptions.theme(theme)
    if let record { try RecordingOptions.checkPath(record) }
    if headless {
      guard record != nil else { throw ValidationError("--headless needs --record FILE") }
      _ = try RecordingOptions.size(size)
    }
  }

  func run() throws {
    let environment = Environment.current
    let language = try language(environment)
    if list {
      let sink = OutputSink()
      for (name, title) in LessonCatalog.list(language) {
        sink.line(name.padding(toLength: 22) + title)
      }
      sink.flush()
      return
    }
    let lesson = try loadLesson()
    if !headless, let reason = InterleaveCommand.plainReason(environment) {
      InterleaveCommand.notice(
        "error: \(reason): a lesson needs a terminal (or --headless --record FILE)")
      throw ExitCode(1)
    }
    let first = lesson.steps[0]
    let configuration = RunConfiguration(
      scenario: first.scenario ?? .loop,
      threads: first.threads
        ?? min(RunConfiguration.onlineCores, RunConfiguration.threadRange.upperBound),
      iterations: first.iterations ?? RunConfiguration.defaultIterations,
      speed: first.speed ?? .normal)
    let resolved = InterleaveCommand.Resolved(
      configuration: configuration, language: language, format: .text, speedGiven: true,
      theme: try SharedOptions.theme(theme),
      schedule: first.seed.map { .seeded($0) }, scheduleOut: nil)
    let recording = try record.map {
      DashboardMode.Recording(
        path: $0, headlessSize: headless ? try RecordingOptions.size(size) : nil)
    }
    let status = DashboardMode.run(
      resolved, environment: environment, lesson: lesson, recording: recording)
    if status != 0 { throw ExitCode(status) }
  }
}
