import Foundation
import InterleaveProgram
import InterleaveRuntime
import Testing

/// Each built-in scenario's program file in `programs/` (what a teacher reads
/// and copies) is the scenario: explored, both reach the same outcomes, and
/// where their steps are the same, in the same numbers of schedules. The
/// scenario's own explorer replays every outcome on its real threads, and
/// the program's does on the program's (ExploreTests, ProgramExplorerTests),
/// so a real run of either ends as the other's model says.
@Suite("Built-in scenarios as programs")
struct BuiltinProgramTests {
  /// `programs/NAME.py` with each `(old, new)` replaced; a replacement that
  /// finds nothing to replace is a failure (the file changed under the test).
  static func program(_ name: String, _ edits: [(String, String)]) throws -> String {
    var text = try String(contentsOfFile: ProgramCommandTests.program(name), encoding: .utf8)
    for (old, new) in edits {
      #expect(text.contains(old), "\(name) has no '\(old)'")
      text = text.replacingOccurrences(of: old, with: new)
    }
    return text
  }

  /// The program's outcomes by their schedules, each named as the built-in
  /// explorer names it: `deadlock`, `hang`, the error, else `balance N` or
  /// what `name` holds.
  static func explore(_ text: String, value name: String) throws -> [String: UInt64] {
    var explorer = ProgramExplorer(ProgramModel(try ProgramSource.compile(text, file: "/t/p.py")))
    var histogram: [String: UInt64] = [:]
    for result in try explorer.explore() {
      let outcome = result.outcome
      let key: String
      if outcome.deadlock {
        key = outcome.hang ? "hang" : "deadlock"
      } else if outcome.errors.contains(where: { $0.hasPrefix("IndexError") }) {
        key = ModelError.popFromEmpty.python
      } else if name == "buffer" {
        key = "finished"
      } else {
        let value = outcome.globals.first { $0.hasPrefix(name + " ") } ?? "none"
        key = name == "most" ? "most in use " + value.dropFirst(5) : value
      }
      histogram[key, default: 0] += result.schedules ?? 0
    }
    return histogram
  }

  static func explore(_ scenario: Scenario, threads: Int, iterations: Int, variant: String? = nil)
    throws -> [String: UInt64]
  {
    var configuration = RunConfiguration(
      scenario: scenario, threads: threads, iterations: iterations)
    if let variant {
      configuration.options.variant = try #require(
        ScenarioOptions.ConditionVariant(rawValue: variant))
    }
    var explorer = ScheduleExplorer(scenario.model(configuration))
    return Dictionary(
      try explorer.explore().map { ($0.outcome.description, $0.schedules.uint64 ?? 0) },
      uniquingKeysWith: +)
  }

  @Test(
    "race, locked, coarse, deadlock and split: the same outcomes in the same numbers of schedules",
    arguments: ["race", "locked", "coarse", "deadlock", "split"])
  func sameSchedules(name: String) throws {
    let scenario = try #require(Scenario(id: name))
    // coarse's loop is the seed's ten rounds, whatever the iterations.
    let edits = name == "coarse" ? [] : [("range(1000000)", "range(2)")]
    let program = try Self.explore(Self.program("\(name).py", edits), value: "balance")
    let builtin = try Self.explore(scenario, threads: 2, iterations: 2)
    #expect(program == builtin)
    #expect(builtin.count > 0)
    if name == "race" || name == "split" {
      #expect(builtin.values.reduce(0, +) == 12_870)
    }
  }

  @Test("the race with a third thread adding 13: the same outcomes in the same numbers")
  func threeThreads() throws {
    let text = try Self.program(
      "race.py", [("range(1000000)", "range(1)"), ("[5, 8]", "[5, 8, 13]")])
    let program = try Self.explore(text, value: "balance")
    #expect(program == (try Self.explore(.race, threads: 3, iterations: 1)))
  }

  @Test(
    "condition: the program and its two bugs (if, notify) reach the scenario's outcomes",
    arguments: [
      (nil, []), ("if", [("while not buffer:", "if not buffer:")]),
      ("notify", [("notify_all()", "notify()")]),
    ] as [(String?, [(String, String)])])
  func condition(variant: String?, edits: [(String, String)]) throws {
    let text = try Self.program(
      "condition.py", [("args=(20,)", "args=(2,)"), ("args=(10,)", "args=(1,)")] + edits)
    let program = try Self.explore(text, value: "buffer")
    let builtin = try Self.explore(.condition, threads: 3, iterations: 1, variant: variant)
    // Here reading the buffer to test it is a step, so the counts differ.
    #expect(Set(program.keys) == Set(builtin.keys))
    #expect(builtin.count == (variant == nil ? 1 : 2))
  }

  @Test("semaphore: never more than two connections in use, in the program as in the scenario")
  func semaphore() throws {
    let text = try Self.program("semaphore.py", [("args=(5,)", "args=(1,)")])
    let program = try Self.explore(text, value: "most")
    let builtin = try Self.explore(.semaphore, threads: 3, iterations: 1)
    #expect(Set(program.keys) == Set(builtin.keys))
    #expect(builtin.keys.contains("most in use 2"))
  }
}
