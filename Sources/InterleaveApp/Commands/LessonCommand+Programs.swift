import ArgumentParser
import Glibc
import InterleaveContent
import InterleaveDashboard
import InterleavePlatform
import InterleaveProgram
import InterleaveTerminal
import InterleaveText

/// A lesson whose steps run programs: played in the program dashboard.
extension LessonCommand {
  /// Each step's program, compiled (nil for a step that keeps the run
  /// going), with every schedule checked on the model before anything
  /// runs. A problem is said at the lesson's line and ends the command.
  static func programs(of lesson: Lesson) throws -> (
    programs: [Program?], challenges: [Int: ChallengeSetup]
  ) {
    var compiled: [String: Program] = [:]
    var current: Program?
    var taken: [Int] = []
    var result: [Program?] = []
    var challenges: [Int: ChallengeSetup] = [:]
    for (index, step) in lesson.steps.enumerated() {
      let at = "\(lesson.file):\(step.line): step \(index + 1)"
      if let name = step.challenge {
        // A built-in one by name; a file beside the lesson by its path.
        let path =
          name.contains("/") || name.hasSuffix(".toml") ? resolve(name, beside: lesson.file) : name
        do {
          let setup = try ChallengeSetup(try ChallengeCatalog.load(path))
          challenges[index] = setup
          current = setup.program
          result.append(current)
          taken = []
          continue
        } catch {
          InterleaveMain.notice("error: \(at): challenge '\(name)': \(error)")
          throw ExitCode(65)
        }
      }
      if let path = step.program {
        if let known = compiled[path] {
          current = known
        } else {
          do {
            if LessonCatalog.isBuiltin(lesson), let text = LessonCatalog.builtinProgram(path) {
              current = try ProgramSource.compile(text, file: path, shown: path)
            } else {
              current = try ProgramSource.load(resolve(path, beside: lesson.file))
            }
          } catch {
            InterleaveMain.notice("error: \(at): program '\(path)': \(error.description)")
            throw ExitCode(error.status)
          }
          compiled[path] = current
        }
        taken = []
      }
      result.append(step.program == nil ? nil : current)
      guard let program = current, let schedule = step.schedule else { continue }
      if let problem = ProgramModel(program).problem(schedule: taken + schedule) {
        InterleaveMain.notice("error: \(at): schedule: \(problem)")
        throw ExitCode(InterleaveMain.usageError)
      }
      taken += schedule
    }
    return (result, challenges)
  }

  /// `path` relative to the folder of the lesson file `lesson`.
  static func resolve(_ path: String, beside lesson: String) -> String {
    guard !path.hasPrefix("/"), let slash = lesson.lastIndex(of: "/") else { return path }
    return String(lesson[...slash]) + path
  }

  /// Plays a program lesson: in the terminal, recorded, or checked.
  func runProgramLesson(_ lesson: Lesson, language: Language) throws {
    if snapshotAt != nil {
      throw ValidationError("--snapshot-at is for a scenario lesson; this one runs programs")
    }
    let (programs, challenges) = try Self.programs(of: lesson)
    guard let first = programs.first ?? nil else { return }
    let words = ProgramWords.of(language)
    // With no learner at the keys, a challenge step plays its solution.
    let state = ProgramLessonState(
      lesson: lesson, programs: programs, language: language, timeScale: timeScale,
      challenges: challenges, autoplay: headless || check)
    let progress = ChallengeProgressFile(environment: Environment.current)
    var warnings: [String] = []
    let cpuCount = RunCommand.cpuCount
    func build(_ screen: any Screen, _ marker: @escaping (String) -> Void) -> ProgramDashboard {
      var dashboard = ProgramDashboard(
        file: lesson.steps[0].program ?? "", screen: screen, words: words
      ) { ProgramStepper(program: first, cpuCount: cpuCount) }
      dashboard.lesson = state
      dashboard.stepperFor = { ProgramStepper(program: $0, cpuCount: cpuCount) }
      dashboard.onLessonMarker = marker
      dashboard.endsWithLesson = headless || check
      if !headless && !check {
        dashboard.onChallengeResult = { name, won, steps, preemptions, helped in
          progress.record(
            name, won: won, steps: steps, preemptions: preemptions, helped: helped,
            warn: { warnings.append($0) })
        }
      }
      return dashboard
    }
    defer { for warning in warnings { InterleaveMain.notice(warning) } }
    if check {
      let (width, height) = try RecordingOptions.size(size)
      var dashboard = build(MemoryScreen(width: width, height: height)) { _ in }
      let status = dashboard.loop()
      if status != 0 { throw ExitCode(status) }
      try report(
        lesson, failures: dashboard.lesson?.failures ?? [], checked: dashboard.lesson?.checked ?? 0,
        language: language)
      return
    }
    let environment = Environment.current
    if !headless, let reason = InterleaveCommand.plainReason(environment) {
      InterleaveMain.notice(
        "error: \(reason): a lesson needs a terminal (or --headless --record FILE, or --check)")
      throw ExitCode(1)
    }
    let recording = try record.map {
      DashboardMode.Recording(
        path: $0, headlessSize: headless ? try RecordingOptions.size(size) : nil)
    }
    var steps = 0
    let status = try ProgramDashboardMode.run(
      title: lesson.title.text(language), recording: recording,
      theme: try look.loadTheme() ?? ThemeCatalog.defaultTheme, environment: environment,
      build: build
    ) { steps = $0.stepsTaken }
    guard let status else { throw ExitCode(1) }
    if status != 0 { throw ExitCode(status) }
    if headless, let record {
      InterleaveMain.notice(
        "recorded \(record): \(lesson.steps.count) lesson steps, "
          + "\(Format.grouped(steps)) steps taken on the program's threads")
    }
    if let captions, let record { try writeCaptions(captions, lesson: lesson, cast: record) }
  }
}
