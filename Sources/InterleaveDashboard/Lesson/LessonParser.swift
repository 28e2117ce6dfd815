import InterleaveRuntime
import TOMLKit

/// Reads lesson TOML. Every problem is reported with the file, line and
/// column and what is wrong.
public enum LessonParser {
  /// Keys a step may have.
  static let stepKeys = [
    "scenario", "threads", "iterations", "speed", "seed", "theme", "caption", "key", "wait",
    "timeout",
  ]
  /// Key names a step may press.
  public static let keyNames: Set<String> = [
    "space", "n", "+", "-", "r", "t", "?", "tab", "shift-tab", "[", "]", "1", "2", "3", "4", "5",
    "6",
  ]

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
    for index in 0..<steps.count {
      guard let step = steps[index].table else {
        throw fail("steps", step: nil, "'steps' must be an array of tables ([[steps]])")
      }
      parsed.append(
        try parseStep(
          step, index: index, line: headers.indices.contains(index) ? headers[index] : 0, fail: fail
        ))
    }
    return Lesson(name: baseName(of: file), title: title, steps: parsed)
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
        guard let name = value.string, let scenario = Scenario(rawValue: name) else {
          throw bad(
            "'scenario' must be one of " + Scenario.allCases.map(\.rawValue).joined(separator: ", ")
          )
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
        step.caption = try localized(value, key: key, step: index, fail: fail)
      case "key":
        guard let name = value.string, keyNames.contains(name) else {
          throw bad("'key' must be one of " + keyNames.sorted().joined(separator: " "))
        }
        step.key = name
      case "wait":
        guard let text = value.string, let wait = LessonWait(parsing: text) else {
          throw bad(
            "'wait' must be a duration (2s, 500ms), finished, lost-update, deadlock or 'step N'")
        }
        step.wait = wait
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
