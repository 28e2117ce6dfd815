import InterleaveRuntime
import InterleaveText

/// Reads lesson TOML. Every problem is reported with the file, line and
/// column of the key or value at fault, and what is wrong.
public enum LessonParser {
  /// Keys a step may have.
  static let stepKeys = [
    "scenario", "threads", "iterations", "speed", "seed", "theme", "caption", "key", "wait",
    "timeout", "expect", "retry", "pause", "variant", "permits", "bounded", "gil-switch", "fence",
    "program", "schedule", "rate", "challenge",
  ]
  /// What only a scenario lesson's steps say, and only a program lesson's.
  static let scenarioOnly: Set<String> = [
    "scenario", "threads", "iterations", "speed", "seed", "retry", "variant", "permits", "bounded",
    "gil-switch", "fence",
  ]
  static let programOnly: Set<String> = ["program", "schedule", "rate", "challenge"]
  /// What a challenge step cannot say: its program, caption and wait are
  /// the challenge's (its story and goal; until it is won or skipped).
  static let notWithChallenge = ["program", "schedule", "caption", "wait", "key", "expect"]
  /// Keys a program lesson's step may press.
  public static let programKeyNames: Set<String> = Set(
    ["space", "n", "e", "f", "u"] + (0...9).map(String.init))
  /// Key names a step may press: the dashboard's keys and one digit per scenario.
  public static var keyNames: Set<String> {
    Set(["space", "n", "+", "-", "r", "t", "?", "tab", "shift-tab", "[", "]", "escape"])
      .union(Scenario.all.compactMap(\.keyLabel))
  }

  public static func parse(_ text: String, file: String) throws(SourceError) -> Lesson {
    let table = try TOMLDocument.table(text, file: file)
    func fail(_ key: String, in table: TOMLTable, _ message: String) -> SourceError {
      let (line, column) = table.position(of: key) ?? (1, 1)
      return SourceError(file: file, line: line, column: column, message: message)
    }
    for key in table.keys where key != "title" && key != "steps" {
      throw fail(key, in: table, "unknown key '\(key)' (expected title, steps)")
    }
    guard let titleValue = table["title"] else {
      throw SourceError(file: file, line: 1, column: 1, message: "missing 'title'")
    }
    let title = try localized(titleValue, key: "title", label: "", file: file)
    guard let steps = table["steps"]?.array, !steps.isEmpty else {
      throw SourceError(
        file: file, line: 1, column: 1, message: "missing [[steps]] (a lesson needs at least one)")
    }
    var parsed: [LessonStep] = []
    var scenario = Scenario.loop
    // The first step says which: a program lesson names its program there.
    let programs =
      steps.first?.table?["program"] != nil || steps.first?.table?["challenge"] != nil
    for (index, value) in steps.enumerated() {
      guard let step = value.table else {
        throw fail("steps", in: table, "'steps' must be an array of tables ([[steps]])")
      }
      let label = "step \(index + 1): "
      for key in step.keys where (programs ? scenarioOnly : programOnly).contains(key) {
        throw fail(
          key, in: step,
          label
            + (programs
              ? "'\(key)' is a scenario's; this lesson's first step names a program"
              : "'\(key)' is a program lesson's: name the program in the first step"))
      }
      if step["challenge"] != nil {
        for key in notWithChallenge where step[key] != nil {
          throw fail(
            key, in: step,
            label + "a challenge step has no '\(key)': the challenge gives its program, its "
              + "story and goal, and the step lasts until it is won or skipped")
        }
      }
      var next = try parseStep(
        step, label: label, line: value.line, file: file, programs: programs)
      if programs {
        if case .claim(let claim) = next.wait, !claim.suitsPrograms {
          throw fail("wait", in: step, label + "wait '\(claim.text)' is for a scenario")
        }
        if next.wait == .lostUpdate || next.wait.isSteps {
          throw fail(
            "wait", in: step,
            label + "a program lesson waits for a duration, finished, "
              + "deadlock or a claim")
        }
        next.expect = try claims(step, label: label, file: file, scenario: nil)
        parsed.append(next)
        continue
      }
      scenario = next.scenario ?? scenario
      if let (key, owner) = next.options.misplaced(in: scenario) {
        throw fail(
          key, in: step, label + "'\(key)' is for the \(owner.id) scenario, not \(scenario.id)")
      }
      if case .claim(let claim) = next.wait, let reason = claim.impossible(in: scenario) {
        throw fail("wait", in: step, label + "wait '\(claim.text)' cannot end: \(reason)")
      }
      if next.wait == .lostUpdate, let reason = Self.noLostUpdate(in: scenario) {
        throw fail("wait", in: step, label + "wait 'lost-update' cannot end: \(reason)")
      }
      next.expect = try claims(step, label: label, file: file, scenario: scenario)
      parsed.append(next)
    }
    return Lesson(name: baseName(of: file), file: file, title: title, steps: parsed)
  }

  /// Why `scenario` never loses an update, if it never does.
  static func noLostUpdate(in scenario: Scenario) -> String? {
    if !scenario.traits.tracksLostUpdates { return "\(scenario.id) does not count lost updates" }
    if scenario == .locked { return "locked holds the lock across each read and write" }
    if scenario == .atomic { return "atomic reads and writes in one indivisible step" }
    return nil
  }

  private static func parseStep(
    _ table: TOMLTable, label: String, line: Int, file: String, programs: Bool
  )
    throws(SourceError) -> LessonStep
  {
    var step = LessonStep(line: line)
    for entry in table.entries {
      let key = entry.key
      let value = entry.value
      let at = Position(file: file, line: entry.line, column: entry.column, label: label)
      switch key {
      case "scenario":
        guard let name = value.string, let scenario = Scenario(id: name) else {
          throw at.error(
            "'scenario' must be one of " + Scenario.all.map(\.id).joined(separator: ", "))
        }
        step.scenario = scenario
      case "threads":
        guard let threads = value.int, RunConfiguration.threadRange.contains(threads) else {
          throw at.error("'threads' must be a number 1...256")
        }
        step.threads = threads
      case "iterations":
        guard let iterations = value.int, RunConfiguration.iterationRange.contains(iterations)
        else {
          throw at.error("'iterations' must be a number 1...1000000000")
        }
        step.iterations = iterations
      case "speed":
        // Spelled out: an `Optional.flatMap(...) ?? ...` chain here crashes
        // Swift 6.3.1's optimizer (CopyPropagation) in release builds.
        var speed: Speed?
        if let text = value.string {
          speed = Speed(parsing: text)
        } else if let number = value.int {
          speed = Speed(parsing: String(number))
        }
        guard let speed else {
          throw at.error("'speed' must be full, fast, normal, slow or milliseconds")
        }
        step.speed = speed
      case "seed":
        guard let seed = value.int, seed >= 0 else {
          throw at.error("'seed' must be a number 0 or more")
        }
        step.seed = UInt64(seed)
      case "variant":
        guard let text = value.string,
          let variant = ScenarioOptions.ConditionVariant(rawValue: text)
        else {
          throw at.error("'variant' must be while, if or notify")
        }
        step.options.variant = variant
      case "permits":
        guard let permits = value.int, ScenarioOptions.permitRange.contains(permits) else {
          throw at.error("'permits' must be a number 1...64")
        }
        step.options.permits = permits
      case "bounded":
        guard let flag = value.bool else { throw at.error("'bounded' must be true or false") }
        step.options.bounded = flag
      case "gil-switch":
        guard let text = value.string, let rule = ScenarioOptions.GILSwitch(rawValue: text) else {
          throw at.error("'gil-switch' must be backedge or any")
        }
        step.options.gilSwitch = rule
      case "fence":
        guard let flag = value.bool else { throw at.error("'fence' must be true or false") }
        step.options.fence = flag
      case "theme":
        guard let theme = value.string, ThemeCatalog.builtinNames.contains(theme) else {
          throw at.error(
            "'theme' must be one of " + ThemeCatalog.builtinNames.joined(separator: ", "))
        }
        step.theme = theme
      case "caption":
        let caption = try localized(value, key: key, label: label, file: file)
        if max(caption.en.count, caption.zh?.count ?? 0) > LessonStep.captionLimit {
          throw at.error("'caption' is longer than \(LessonStep.captionLimit) characters")
        }
        step.caption = caption
      case "key":
        let names = programs ? programKeyNames : keyNames
        guard let name = value.string, names.contains(name) else {
          throw at.error("'key' must be one of " + names.sorted().joined(separator: " "))
        }
        step.key = name
      case "challenge":
        guard let name = value.string, !name.isEmpty else {
          throw at.error(
            "'challenge' must be a built-in challenge's name or a .toml path, relative to the lesson"
          )
        }
        step.challenge = name
        // The learner takes as long as it takes.
        step.timeout = .max
      case "program":
        guard let path = value.string, path.hasSuffix(".py") else {
          throw at.error("'program' must be a .py file's path, relative to the lesson")
        }
        step.program = path
      case "schedule":
        guard let text = value.string else {
          throw at.error("'schedule' must be text such as '0x3 1 2x2'")
        }
        switch ScheduleText.parse(text) {
        case .success(let slots): step.schedule = slots
        case .failure(let error): throw at.error("'schedule' \(error)")
        }
      case "rate":
        guard let rate = value.int, (1...256).contains(rate) else {
          throw at.error("'rate' must be steps a second, 1...256")
        }
        step.rate = rate
      case "wait":
        guard let text = value.string, let wait = LessonWait(parsing: text) else {
          throw at.error(
            "'wait' must be a duration (2s, 500ms), finished, lost-update, deadlock, 'step N' "
              + "or a claim")
        }
        step.wait = wait
      case "expect":
        // Parsed with their positions once the step's scenario is known.
        guard value.array != nil else { throw at.error("'expect' must be a list of claims") }
      case "pause":
        guard let flag = value.bool else { throw at.error("'pause' must be true or false") }
        step.pause = flag
      case "retry":
        guard let count = value.int, (0...20).contains(count) else {
          throw at.error("'retry' must be a number 0...20")
        }
        step.retry = count
      case "timeout":
        guard let text = value.string, let ns = LessonWait.duration(text.lowercased()) else {
          throw at.error("'timeout' must be a duration (30s, 500ms)")
        }
        step.timeout = ns
      default:
        throw at.error("unknown key '\(key)' (expected " + stepKeys.joined(separator: ", ") + ")")
      }
    }
    return step
  }

  /// Where a step's key is, for its error messages.
  private struct Position {
    var file: String
    var line: Int
    var column: Int
    var label: String

    func error(_ message: String) -> SourceError {
      SourceError(file: file, line: line, column: column, message: label + message)
    }
  }

  /// The step's `expect` claims, each at the position of its text, refused
  /// when unknown or impossible in the step's scenario.
  private static func claims(_ table: TOMLTable, label: String, file: String, scenario: Scenario?)
    throws(SourceError) -> [LessonClaim]
  {
    guard let list = table["expect"]?.array else { return [] }
    return try list.map { item throws(SourceError) -> LessonClaim in
      // The position of the claim's text, just inside its opening quote.
      let (line, column) = (item.line, item.column + 1)
      let source = item.string ?? ""
      guard item.string != nil, var claim = LessonClaim(parsing: source) else {
        throw SourceError(
          file: file, line: line, column: column,
          message: label + "unknown claim '\(source)' (expected "
            + LessonClaim.forms.joined(separator: ", ") + ")")
      }
      if scenario == nil, !claim.suitsPrograms {
        throw SourceError(
          file: file, line: line, column: column,
          message: label + "claim '\(source)' is for a scenario (a program lesson's: visible, "
            + "finished, deadlock, global NAME OP N)")
      }
      if let scenario, let reason = claim.impossible(in: scenario) {
        throw SourceError(
          file: file, line: line, column: column,
          message: label + "claim '\(source)' cannot hold: \(reason)")
      }
      claim.line = line
      claim.column = column
      return claim
    }
  }

  static func localized(_ value: TOMLValue, key: String, label: String, file: String)
    throws(SourceError) -> LocalizedText
  {
    func bad(_ message: String, at position: (Int, Int)? = nil) -> SourceError {
      let (line, column) = position ?? (value.line, value.column)
      return SourceError(file: file, line: line, column: column, message: label + message)
    }
    if let text = value.string { return LocalizedText(en: text) }
    guard let table = value.table else {
      throw bad("'\(key)' must be text or { en = \"...\", zh = \"...\" }")
    }
    var en: String?
    var zh: String?
    for entry in table.entries {
      guard let text = entry.value.string else {
        throw bad("'\(key).\(entry.key)' must be text", at: (entry.line, entry.column))
      }
      switch entry.key {
      case "en": en = text
      case "zh": zh = text
      default:
        throw bad(
          "unknown language '\(entry.key)' in '\(key)' (expected en, zh)",
          at: (entry.line, entry.column))
      }
    }
    guard let en else { throw bad("'\(key)' needs an 'en' text") }
    return LocalizedText(en: en, zh: zh)
  }
}
