/// Reads a challenge's TOML; every problem names the file, line and column.
public enum ChallengeParser {
  static let keys = [
    "title", "story", "chapter", "program", "goal", "hints", "budget", "unreachable",
  ]

  public static func parse(_ text: String, file: String, name: String) throws(SourceError)
    -> Challenge
  {
    let table = try TOMLDocument.table(text, file: file)
    func fail(_ key: String, _ message: String) -> SourceError {
      let (line, column) = table.position(of: key) ?? (1, 1)
      return SourceError(file: file, line: line, column: column, message: message)
    }
    for key in table.keys where !keys.contains(key) {
      throw fail(key, "unknown key '\(key)' (expected \(keys.joined(separator: ", ")))")
    }
    for key in ["title", "story", "program", "goal"] where table[key] == nil {
      throw SourceError(file: file, line: 1, column: 1, message: "missing '\(key)'")
    }
    func localized(_ key: String) throws(SourceError) -> LocalizedText? {
      guard let value = table[key] else { return nil }
      return try LessonParser.localized(value, key: key, label: "", file: file)
    }
    guard let program = table["program"]?.string, program.hasSuffix(".py") else {
      throw fail("program", "'program' must be the path of a .py file, relative to this one")
    }
    guard let goal = table["goal"]?.string else {
      throw fail(
        "goal", "'goal' must be text: critical-section, deadlock, error or 'final: EXPRESSION'")
    }
    var hints: [LocalizedText] = []
    if let value = table["hints"] {
      guard let items = value.array else {
        throw fail("hints", "'hints' must be an array: [ { en = \"...\", zh = \"...\" } ]")
      }
      for (index, item) in items.enumerated() {
        hints.append(
          try LessonParser.localized(
            item, key: "hints", label: "hint \(index + 1): ", file: file))
      }
    }
    var budget: Int?
    if let value = table["budget"] {
      guard let steps = value.int, (1...100_000).contains(steps) else {
        throw fail("budget", "'budget' must be a number of steps from 1 to 100000")
      }
      budget = steps
    }
    var unreachable = false
    if let value = table["unreachable"] {
      guard let flag = value.bool else {
        throw fail("unreachable", "'unreachable' must be true or false")
      }
      unreachable = flag
    }
    return Challenge(
      name: name, file: file, title: try localized("title")!, story: try localized("story")!,
      chapter: try localized("chapter"), program: program, goal: goal,
      goalLine: table.position(of: "goal")?.line ?? 1, hints: hints, budget: budget,
      unreachable: unreachable)
  }
}
