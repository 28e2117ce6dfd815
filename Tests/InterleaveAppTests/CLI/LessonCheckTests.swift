import Foundation
import InterleaveContent
import InterleaveTestSupport
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

  @Test(
    "a lesson from a FIFO (or <(cat lesson.toml)) is read once, and one with no writer never hangs")
  func fifoLesson() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "fifo-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let fifo = folder + "/lesson.toml"
    #expect(mkfifo(fifo, 0o644) == 0)
    let source = Repository.path("lessons/01-threads.toml")
    let bound = "exec timeout -s KILL 60 \"$0\" \"$@\""
    let fed = try Binary.run(
      ["lesson", fifo, "--check", "--time-scale", "0.05"],
      shell: "cat '\(source)' > '\(fifo)' & " + bound)
    #expect(fed.status == 0, "\(fed.stderr)")
    #expect(fed.stdout.contains("claims held"))
    // Nobody writes: it reads as empty, at once.
    let empty = try Binary.run(["lesson", fifo, "--check"], shell: bound)
    #expect(empty.status == 64, "\(empty.stderr)")
    #expect(empty.stderr.contains("missing 'title'"), "\(empty.stderr)")
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
    "a teacher's program lesson: its program beside it, schedules checked before it runs, claims on globals"
  )
  func programLesson() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "plesson-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try """
    import threading
    count = 0
    def add():
        global count
        count += 1
    t = threading.Thread(target=add)
    t.start()
    count += 1
    t.join()
    """.write(toFile: folder + "/count.py", atomically: true, encoding: .utf8)
    func lesson(_ steps: String) throws -> String {
      let path = folder + "/lesson-\(UUID().uuidString).toml"
      try ("title = \"count\"\n" + steps).write(toFile: path, atomically: true, encoding: .utf8)
      return path
    }
    // Main's steps: count = 0, then its read; the thread reads; both write.
    let lost = try lesson(
      """
      [[steps]]
      program = "count.py"
      schedule = "0x2 1 0 1"
      rate = 20
      caption = "Both read 0, both write 1: one update is lost."
      wait = "finished"
      expect = ["finished", "global count == 1", "visible: count = 1"]
      """)
    let held = try Binary.run(["lesson", lost, "--check", "--time-scale", "0.1"])
    #expect(held.status == 0, "\(held.stderr)")
    #expect(held.stdout.contains("1 steps, 3 claims held"), "\(held.stdout)")
    let wrong = try lesson(
      """
      [[steps]]
      program = "count.py"
      schedule = "0x2 1 0 1"
      caption = "c"
      wait = "finished"
      expect = ["global count == 2"]
      """)
    let failed = try Binary.run(["lesson", wrong, "--check", "--time-scale", "0.1"])
    #expect(failed.status == 1)
    #expect(
      failed.stderr
        == "interleave: \(wrong):7:12: step 1: 'global count == 2' did not hold (count = 1)\n")
    let badSchedule = try lesson(
      "[[steps]]\nprogram = \"count.py\"\nschedule = \"1\"\ncaption = \"c\"\n")
    let refused = try Binary.run(["lesson", badSchedule, "--check"])
    #expect(refused.status == 64)
    #expect(
      refused.stderr.contains(
        "\(badSchedule):2: step 1: schedule: step 1 names thread 1, which has not started"),
      "\(refused.stderr)")
    let mixed = try lesson(
      "[[steps]]\nprogram = \"count.py\"\ncaption = \"c\"\n[[steps]]\nscenario = \"race\"\n")
    let mixedRefused = try Binary.run(["lesson", mixed, "--check"])
    #expect(mixedRefused.status == 64)
    #expect(
      mixedRefused.stderr.contains(
        ":6:1: step 2: 'scenario' is a scenario's; this lesson's first step names a program"),
      "\(mixedRefused.stderr)")
    let missing = try lesson("[[steps]]\nprogram = \"nowhere.py\"\ncaption = \"c\"\n")
    let notFound = try Binary.run(["lesson", missing, "--check"])
    #expect(notFound.status == 66, "\(notFound.stderr)")
    #expect(notFound.stderr.contains(":2: step 1: program 'nowhere.py'"), "\(notFound.stderr)")
  }

  @Test(
    "a wait that can never end is refused, one that timed out fails the check; a BOM is no text")
  func waitsThatEnd() throws {
    let never = try Self.lesson(
      "title = \"t\"\n[[steps]]\nscenario = \"locked\"\ncaption = \"c\"\nwait = \"lost-update\"\n")
    let refused = try Binary.run(["lesson", never, "--check"])
    #expect(refused.status == 64)
    #expect(refused.stderr.contains(":5:1: step 1: wait 'lost-update' cannot end: locked holds"))
    let tooFar = try Self.lesson(
      "title = \"t\"\n[[steps]]\nscenario = \"race\"\nthreads = 2\niterations = 2\n"
        + "caption = \"c\"\nwait = \"step 999999\"\ntimeout = \"2s\"\n")
    let timedOut = try Binary.run(["lesson", tooFar, "--check"])
    #expect(timedOut.status == 1, "\(timedOut.stderr)")
    #expect(timedOut.stderr.contains("its wait ends by what it waits for, not its timeout"))
    #expect(timedOut.stderr.contains("of 999999 steps"))
    let bom = try Self.lesson("\u{FEFF}title = \"t\"\n[[steps]]\ncaption = \"c\"\nwait = \"1s\"\n")
    let read = try Binary.run(["lesson", bom, "--check", "--time-scale", "0.05"])
    #expect(read.status == 0, "\(read.stderr)")
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

@Suite("Options before a subcommand")
struct OptionsBeforeSubcommandTests {
  @Test(
    "`interleave --lang zh lesson --list` is `interleave lesson --list --lang zh`, as the usage line has it"
  )
  func langFirst() throws {
    let first = try Binary.run(["--lang", "zh", "lesson", "--list"])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("竞态条件：丢失更新"), "\(first.stdout)")
    let last = try Binary.run(["lesson", "--list", "--lang", "zh"])
    #expect(first.stdout == last.stdout)
    // A value that names a subcommand stays the option's value.
    let recorded = try Binary.run(["--record", "lesson", "--plain"])
    #expect(recorded.status == 64)
    #expect(recorded.stderr.contains("--record"), "\(recorded.stderr)")
  }
}
