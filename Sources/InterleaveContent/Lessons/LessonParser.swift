import InterleaveRuntime
import InterleaveText
import TOMLKit

/// Reads lesson TOML. Every problem is reported with the file, line and
/// column and what is wrong.
public enum LessonParser {
  /// Keys a step may have.
  static let stepKeys = [
    "scenario", "threads", "iterations", "speed", "seed", "theme", "caption", "key", "wait",
    "timeout", "expect", "retry", "pause",
  ]
  /// Key names a step may press: the dashboard's keys and one digit per scenario.
  public static var keyNames: Set<String> {
    Set(["space", "n", "+", "-", "r", "t", "?", "tab", "shift-tab", "[", "]", "escape"])
      .union(Scenario.all.prefix(9).map { String($0.key) })
  }

  public static func parse(_ text: String, file: String) throws(SourceError) -> Lesson {
    let table = try TOMLDocument.table(text, file: file)
    let headers = stepHeaderLines(text)
    func fail(_ key: String, step: Int?, _ message: String) -> SourceError {
      let (line, column) = position(
        of: key, in: text, after: step.map { headers.indices.contains($0) ? headers[$0] : 0 } ?? 0)
      return SourceError(file: file, line: line, column: column, message: message)
    }
    for key in table.keys where key != "title" && key != "steps" {
      throw fail(key, step: nil, "unknown key '\(key)' (expected title, steps)")
    }
    guard let titleValue = table["title"] else {
      throw SourceError(file: file, line: 1, column: 1, message: "missing 'title'")
    }
    let title = try localized(titleValue, key: "title", step: nil, fail: fail)
    guard let steps = table["steps"]?.array, steps.count > 0 else {
      throw SourceError(
        file: file, line: 1, column: 1, message: "missing [[steps]] (a lesson needs at least one)")
    }
    var parsed: [LessonStep] = []
    var scenario = Scenario.loop
    for index in 0..<steps.count {
      guard let step = steps[index].table else {
        throw fail("steps", step: nil, "'steps' must be an array of tables ([[steps]])")
      }
      let line = headers.indices.contains(index) ? headers[index] : 0
      var next = try parseStep(step, index: index, line: line, fail: fail)
      scenario = next.scenario ?? scenario
      if case .claim(let claim) = next.wait, let reason = claim.impossible(in: scenario) {
        throw fail(
          "wait", step: index, "step \(index + 1): wait '\(claim.text)' cannot end: \(reason)")
      }
      next.expect = try claims(
        step, in: text, file: file, after: line, index: index, scenario: scenario)
      parsed.append(next)
    }
    return Lesson(name: baseName(of: file), file: file, title: title, steps: parsed)
  }

  private static func parseStep(
    _ table: TOMLTable, index: Int, line: Int, fail: (String, Int?, String) -> SourceError
  ) throws(SourceError) -> LessonStep {
    var step = LessonStep(line: line)
    let label = "step \(index + 1)"
    for key in table.keys {
      let value = table[key]!
      func bad(_ message: String) -> SourceError { fail(key, index, "\(label): \(message)") }
      switch key {
      case "scenario":
        guard let name = value.string, let scenario = Scenario(id: name) else {
          throw bad("'scenario' must be one of " + Scenario.all.map(\.id).joined(separator: ", "))
        }
        step.scenario = scenario
      case "threads":
        guard let threads = value.int, RunConfiguration.threadRange.contains(threads) else {
          throw bad("'threads' must be a number 1...256")
        }
        step.threads = threads
      case "iterations":
        guard let iterations = value.int, RunConfiguration.iterationRange.contains(iterations)
        else {
          throw bad("'iterations' must be a number 1...1000000000")
        }
        step.iterations = iterations
      case "speed":
        let speed =
          value.string.flatMap(Speed.init(parsing:))
          ?? value.int.flatMap { Speed(parsing: String($0)) }
        guard let speed else {
          throw bad("'speed' must be full, fast, normal, slow or milliseconds")
        }
        step.speed = speed
      case "seed":
        guard let seed = value.int, seed >= 0 else {
          throw bad("'seed' must be a number 0 or more")
        }
        step.seed = UInt64(seed)
      case "theme":
        guard let theme = value.string, ThemeCatalog.builtinNames.contains(theme) else {
          throw bad("'theme' must be one of " + ThemeCatalog.builtinNames.joined(separator: ", "))
        }
        step.theme = theme
      case "caption":
        let caption = try localized(value, key: key, step: index, fail: fail)
        for text in [caption.en] + (caption.zh.map { [$0] } ?? [])
        where text.count > LessonStep.captionLimit {
          throw bad("'caption' is longer than \(LessonStep.captionLimit) characters")
        }
        step.caption = caption
      case "key":
        guard let name = value.string, keyNames.contains(name) else {
          throw bad("'key' must be one of " + keyNames.sorted().joined(separator: " "))
        }
        step.key = name
      case "wait":
        guard let text = value.string, let wait = LessonWait(parsing: text) else {
          throw bad(
            "'wait' must be a duration (2s, 500ms), finished, lost-update, deadlock, 'step N' "
              + "or a claim")
        }
        step.wait = wait
      case "expect":
        // Parsed with their positions once the step's scenario is known.
        guard value.array != nil else { throw bad("'expect' must be a list of claims") }
      case "pause":
        guard let flag = value.bool else { throw bad("'pause' must be true or false") }
        step.pause = flag
      case "retry":
        guard let count = value.int, (0...20).contains(count) else {
          throw bad("'retry' must be a number 0...20")
        }
        step.retry = count
      case "timeout":
        guard let text = value.string, let ns = LessonWait.duration(text.lowercased()) else {
          throw bad("'timeout' must be a duration (30s, 500ms)")
        }
        step.timeout = ns
      default:
        throw bad("unknown key '\(key)' (expected " + stepKeys.joined(separator: ", ") + ")")
      }
    }
    return step
  }

  /// The step's `expect` claims, each with the line and column of its text,
  /// refused when unknown or impossible in the step's scenario.
  private static func claims(
    _ table: TOMLTable, in text: String, file: String, after line: Int, index: Int,
    scenario: Scenario
  ) throws(SourceError) -> [LessonClaim] {
    guard let list = table["expect"]?.array else { return [] }
    let (keyLine, keyColumn) = position(of: "expect", in: text, after: line)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    var claims: [LessonClaim] = []
    var searchFrom = (line: keyLine, column: keyColumn)
    for item in 0..<list.count {
      let source = list[item].string ?? ""
      // Where the claim's text is written: on the `expect` line or after it.
      var at = (line: keyLine, column: keyColumn)
      for number in searchFrom.line...max(searchFrom.line, lines.count) where number <= lines.count
      {
        let row = Array(lines[number - 1])
        let start = number == searchFrom.line ? searchFrom.column - 1 : 0
        if let found = find(Array(source.isEmpty ? "\"" : source), in: row, from: max(0, start)) {
          at = (number, found + 1)
          searchFrom = (number, found + 1 + max(1, source.count))
          break
        }
      }
      let label = "step \(index + 1): "
      guard list[item].string != nil, var claim = LessonClaim(parsing: source) else {
        throw SourceError(
          file: file, line: at.line, column: at.column,
          message: label + "unknown claim '\(source)' (expected "
            + LessonClaim.forms.joined(separator: ", ") + ")")
      }
      if let reason = claim.impossible(in: scenario) {
        throw SourceError(
          file: file, line: at.line, column: at.column,
          message: label + "claim '\(source)' cannot hold: \(reason)")
      }
      claim.line = at.line
      claim.column = at.column
      claims.append(claim)
    }
    return claims
  }

  /// The index of `needle` in `row` at or after `from`.
  private static func find(_ needle: [Character], in row: [Character], from: Int) -> Int? {
    guard !needle.isEmpty, row.count >= needle.count, from <= row.count - needle.count else {
      return nil
    }
    for start in from...(row.count - needle.count)
    where Array(row[start..<start + needle.count]) == needle {
      return start
    }
    return nil
  }

  private static func localized(
    _ value: TOMLValueConvertible, key: String, step: Int?,
    fail: (String, Int?, String) -> SourceError
  ) throws(SourceError) -> LocalizedText {
    let prefix = step.map { "step \($0 + 1): " } ?? ""
    if let text = value.string { return LocalizedText(en: text) }
    guard let table = value.table else {
      throw fail(key, step, "\(prefix)'\(key)' must be text or { en = \"...\", zh = \"...\" }")
    }
    var en: String?
    var zh: String?
    for field in table.keys {
      guard let text = table[field]?.string else {
        throw fail(key, step, "\(prefix)'\(key).\(field)' must be text")
      }
      switch field {
      case "en": en = text
      case "zh": zh = text
      default:
        throw fail(key, step, "\(prefix)unknown language '\(field)' in '\(key)' (expected en, zh)")
      }
    }
    guard let en else { throw fail(key, step, "\(prefix)'\(key)' needs an 'en' text") }
    return LocalizedText(en: en, zh: zh)
  }

  /// The line of each `[[steps]]` header, in order.
  static func stepHeaderLines(_ text: String) -> [Int] {
    text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap {
      $0.element.filter { $0 != " " && $0 != "\t" }.hasPrefix("[[steps]]") ? $0.offset + 1 : nil
    }
  }

  /// Where `key` is assigned on or after line `after` (1-based line and column).
  static func position(of key: String, in text: String, after: Int) -> (Int, Int) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for index in max(0, after - 1)..<lines.count {
      let line = lines[index]
      let trimmed = line.drop { $0 == " " || $0 == "\t" }
      let rest = trimmed.dropFirst(key.count).drop { $0 == " " || $0 == "\t" }
      if trimmed.hasPrefix(key) && (rest.hasPrefix("=") || rest.hasPrefix(".")) {
        return (index + 1, line.count - trimmed.count + 1)
      }
    }
    return (max(1, after), 1)
  }
}
