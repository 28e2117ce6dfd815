import Foundation
import InterleaveContent
import Testing

/// `interleave lesson --check`: every built-in lesson's claims hold, in both
/// languages, at any pace; a false claim is named by file, line and column.
@Suite("Lesson claims, checked")
struct LessonCheckTests {
  /// Twenty times faster than written; five under a sanitizer, which slows
  /// the frame loop that observes a paced run 5 to 15 times more than the
  /// paced steps themselves (a lock waiter of a few 10 ms steps can come and
  /// go between two frames).
  static let timeScale: String = {
    let environment = ProcessInfo.processInfo.environment
    let sanitized = environment["TSAN_OPTIONS"] != nil || environment["ASAN_OPTIONS"] != nil
    return sanitized ? "0.2" : "0.05"
  }()

  @Test(
    "every built-in lesson's claims hold, in English and Chinese",
    arguments: LessonCatalog.builtinNames, ["en", "zh"])
  func builtins(name: String, language: String) throws {
    let result = try Binary.run([
      "lesson", name, "--check", "--lang", language, "--time-scale", Self.timeScale,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("claims held"), "\(result.stdout)")
  }

  static func lesson(_ text: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "claims-\(UUID().uuidString).toml"
    ).path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test("a claim that does not hold fails the check, naming file:line:column and what was seen")
  func falseClaim() throws {
    let path = try Self.lesson(
      """
      title = "locked is never wrong"
      [[steps]]
      scenario = "locked"
      threads = 2
      iterations = 50
      speed = "full"
      caption = "The lock keeps the balance right."
      wait = "finished"
      expect = ["finished", "drift != 0"]
      """)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = try Binary.run(["lesson", path, "--check", "--time-scale", "0.05"])
    #expect(result.status == 1)
    #expect(
      result.stderr == "interleave: \(path):9:24: step 1: 'drift != 0' did not hold (drift 0)\n")
  }

  @Test(
    "an unknown claim, or one the scenario cannot have, is refused before anything starts",
    arguments: [
      ("expect = [\"drift >< 0\"]", ":9:12: step 1: unknown claim 'drift >< 0'"),
      ("expect = [\"deadlock\"]", ":9:12: step 1: claim 'deadlock' cannot hold: race has no lock"),
      ("wait = \"contended\"", ":9:1: step 1: wait 'contended' cannot end: race has no lock"),
      ("expect = [\"hang\"]", ":9:12: step 1: claim 'hang' cannot hold: race cannot hang"),
      ("wait = \"raised\"", ":9:1: step 1: wait 'raised' cannot end: race raises no error"),
      (
        "expect = [\"gil-switches > 0\"]",
        ":9:12: step 1: claim 'gil-switches > 0' cannot hold: race has no GIL"
      ),
      ("variant = \"iff\"", ":9:1: step 1: 'variant' must be while, if or notify"),
      ("variant = \"if\"", ":9:1: step 1: 'variant' is for the condition scenario, not race"),
    ])
  func badClaims(line: String, message: String) throws {
    let path = try Self.lesson(
      """
      title = "t"
      [[steps]]
      scenario = "race"
      threads = 2
      iterations = 50
      speed = "full"
      caption = "c"
      timeout = "5s"
      \(line)
      """)
    defer { try? FileManager.default.removeItem(atPath: path) }
    for mode in [["--check"], ["--headless", "--record", path + ".cast"]] {
      let result = try Binary.run(["lesson", path] + mode)
      #expect(result.status == 64)
      #expect(result.stderr.hasPrefix("interleave: error: \(path)\(message)"), "\(result.stderr)")
      #expect(!FileManager.default.fileExists(atPath: path + ".cast"))
    }
  }
}
