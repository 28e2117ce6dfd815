import ArgumentParser
import Glibc
import InterleaveContent
import InterleaveDashboard
import InterleaveExport
import InterleavePlatform
import InterleaveRuntime
import InterleaveTerminal
import InterleaveText

/// `interleave lesson NAME|PATH`: a scripted lesson in the dashboard,
/// optionally recorded, optionally with no terminal at all, or checked.
struct LessonCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lesson",
    abstract: "Play a scripted lesson in the dashboard (and record it, or check its claims).",
    discussion: """
      Built-in lessons: \(LessonCatalog.builtinNames.joined(separator: ", ")) (a number or \
      the part after the dash also names one). A lesson file is TOML: see lessons/*.toml \
      and the README.
      """)

  @Argument(help: "A built-in lesson (01-threads, 2, race, ...) or a lesson .toml file.")
  var lesson: String?

  @Flag(name: .long, help: "List the built-in lessons and exit.")
  var list = false

  @OptionGroup var look: LookOptions

  @Option(name: .long, help: "Record what the terminal shows to FILE (asciicast v2).")
  var record: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "With --record: the captions as WebVTT subtitles timed by the cast's markers, one file per language.",
      discussion: "captions.vtt writes captions.en.vtt and captions.zh.vtt.",
      valueName: "file"))
  var captions: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "With --record: save each step's screen as an SVG picture, at its end (marker) or when its wait ends (finished).",
      discussion: "lesson.cast gives lesson-step-01.svg, lesson-step-02.svg, ... beside it.",
      valueName: "marker|finished"))
  var snapshotAt: String?

  @Flag(name: .long, help: "No terminal: play the lesson into the --record file and exit.")
  var headless = false

  @Option(name: .long, help: "The screen's size with --headless or --check.")
  var size: String = "100x30"

  @Flag(
    name: .long,
    help:
      "Play the lesson with no terminal and check every claim; exit 1 naming the first false one."
  )
  var check = false

  @Option(
    name: .long,
    help:
      "Lesson time per real time: 0.05 plays it 20 times faster (waits and paced speeds; timeouts stay as written)."
  )
  var timeScale: Double = 1

  init() {}

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
    guard !list else { return }
    _ = try loadLesson()
    if let record { try RecordingOptions.checkPath(record) }
    try RecordingOptions.checkDistinct(
      outputs: [("--record", record)]
        + (captions.map { Self.captionPaths($0).map { ("--captions", $0.1) } } ?? []),
      inputs: [("the lesson", lesson), ("--theme", look.theme)])
    if let snapshotAt {
      guard LessonDriver.SnapshotMoment(rawValue: snapshotAt) != nil else {
        throw ValidationError("--snapshot-at must be marker or finished (got '\(snapshotAt)')")
      }
      guard record != nil else {
        throw ValidationError("--snapshot-at needs --record FILE (the pictures go beside it)")
      }
    }
    if let captions {
      guard record != nil else {
        throw ValidationError("--captions needs --record FILE (the cues follow its markers)")
      }
      for (_, path) in Self.captionPaths(captions) {
        try RecordingOptions.checkPath(path, flag: "--captions")
      }
    }
    guard timeScale > 0, timeScale <= 10 else {
      throw ValidationError("--time-scale must be more than 0 and at most 10 (got \(timeScale))")
    }
    if headless {
      guard record != nil else { throw ValidationError("--headless needs --record FILE") }
    }
    if check, record != nil {
      throw ValidationError("--check plays the lesson with no screen: leave out --record")
    }
    _ = try RecordingOptions.size(size)
  }

  func run() throws {
    let environment = Environment.current
    let language = look.language(environment)
    if list {
      let sink = OutputSink()
      for (name, title) in LessonCatalog.list(language) {
        sink.line(name.padding(toLength: 22) + title)
      }
      sink.flush()
      return
    }
    let lesson = try loadLesson()
    look.warnAboutContrast(try look.loadTheme())
    if lesson.runsPrograms { return try runProgramLesson(lesson, language: language) }
    var driver = LessonDriver(lesson, language: language, timeScale: timeScale)
    driver.snapshotAt = snapshotAt.flatMap(LessonDriver.SnapshotMoment.init(rawValue:))
    let first = lesson.steps[0]
    let configuration = RunConfiguration(
      scenario: first.scenario ?? .loop, threads: first.threads ?? RunConfiguration.defaultThreads,
      iterations: first.iterations ?? RunConfiguration.defaultIterations,
      speed: driver.scaled(first.speed ?? Settings.dashboardSpeed))
    var settings = Settings(
      configuration: configuration, language: language, theme: try look.loadTheme(),
      schedule: first.seed.map { .seeded($0) }, environment: environment)
    settings.mouse = ConfigFile.settings.mouse != false
    settings.snapshotBase = record.map { $0.hasSuffix(".cast") ? String($0.dropLast(5)) : $0 }
    if check { return try runCheck(settings, driver: driver, lesson: lesson) }
    if !headless, let reason = InterleaveCommand.plainReason(environment) {
      InterleaveMain.notice(
        "error: \(reason): a lesson needs a terminal (or --headless --record FILE, or --check)")
      throw ExitCode(1)
    }
    let recording = try record.map {
      DashboardMode.Recording(
        path: $0, headlessSize: headless ? try RecordingOptions.size(size) : nil)
    }
    switch DashboardMode.run(
      settings, environment: environment, lesson: driver, recording: recording,
      title: lesson.title.text(language))
    {
    case .ran(let status, let session):
      if let failure = session.snapshotFailure {
        InterleaveMain.notice("error: --snapshot-at: cannot write \(failure)")
      }
      if status != 0 { throw ExitCode(status) }
      if let captions, let record { try writeCaptions(captions, lesson: lesson, cast: record) }
    case .failed(let status): throw ExitCode(status)
    case .noTerminal(let reason):
      InterleaveMain.notice("error: \(reason)")
      throw ExitCode(1)
    }
  }

  /// `captions.vtt` -> `captions.en.vtt`, `captions.zh.vtt`.
  static func captionPaths(_ path: String) -> [(Language, String)] {
    let base = path.hasSuffix(".vtt") ? String(path.dropLast(4)) : path
    return Language.allCases.map { ($0, "\(base).\($0.rawValue).vtt") }
  }

  /// Writes the lesson's captions in every language, timed by the markers
  /// of the cast just recorded.
  func writeCaptions(_ path: String, lesson: Lesson, cast: String) throws {
    do {
      let (starts, end) = try CastMarkers.stepStarts(cast)
      var written: [String] = []
      for (language, file) in Self.captionPaths(path) {
        let cues = CaptionTrack.cues(lesson, language: language, stepStarts: starts, end: end)
        try TextFile.write(CaptionTrack.webVTT(cues), to: file)
        written.append(file)
      }
      InterleaveMain.notice("captions: " + written.joined(separator: ", "))
    } catch {
      InterleaveMain.notice("error: --captions \(path): \(error)")
      throw ExitCode(Session.ioError)
    }
  }

  /// Plays the lesson against a screen in memory and reports its claims.
  func runCheck(_ settings: Settings, driver: LessonDriver, lesson: Lesson) throws {
    let (width, height) = try RecordingOptions.size(size)
    let screen = MemoryScreen(width: width, height: height)
    let session = Session(settings: settings, screen: screen, lesson: driver, headless: true)
    let status = session.loop()
    if status != 0 { throw ExitCode(status) }
    try report(
      lesson, failures: session.driver?.failures ?? [], checked: session.driver?.checked ?? 0,
      language: settings.language)
  }

  /// Says each claim that did not hold at its file:line:column (exit 1), or
  /// one line with how many held.
  func report(
    _ lesson: Lesson, failures: [LessonDriver.Failure], checked: Int, language: Language
  ) throws {
    for failure in failures {
      InterleaveMain.notice(
        "\(lesson.file):\(failure.claim.line):\(failure.claim.column): step \(failure.step): "
          + "'\(failure.claim.text)' did not hold (\(failure.seen))")
    }
    if !failures.isEmpty { throw ExitCode(1) }
    let sink = OutputSink()
    sink.line(
      "\(lesson.file): \(lesson.steps.count) steps, \(checked) claims held "
        + "(\(language.rawValue), time scale \(timeScale))")
    sink.flush()
  }
}
