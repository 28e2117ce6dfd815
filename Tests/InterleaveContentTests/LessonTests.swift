import Foundation
import InterleaveRuntime
import Testing

@testable import InterleaveContent

@Suite("Lessons")
struct LessonTests {
  static let lessonsFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("lessons")

  @Test("the compiled-in lessons are exactly the files in lessons/")
  func embeddedMatchFiles() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.lessonsFolder.path)
      .filter { $0.hasSuffix(".toml") }.sorted()
    #expect(files.map { String($0.dropLast(5)) } == LessonCatalog.builtinNames)
    for source in BuiltinLessons.sources {
      let file = try String(
        contentsOf: Self.lessonsFolder.appendingPathComponent("\(source.name).toml"),
        encoding: .utf8)
      #expect(source.text + "\n" == file, "\(source.name).toml differs from the embedded copy")
    }
  }

  @Test("every built-in lesson parses, one per idea of the seed, with zh captions everywhere")
  func builtinsParse() throws {
    #expect(LessonCatalog.builtinNames.count >= 6)
    for name in LessonCatalog.builtinNames {
      let lesson = try LessonCatalog.load(name)
      #expect(lesson.title.zh != nil)
      for step in lesson.steps where step.caption != nil {
        #expect(step.caption?.zh != nil, "\(name) line \(step.line) has no zh caption")
      }
    }
    #expect(try LessonCatalog.load("2").name == "02-race")
    #expect(try LessonCatalog.load("race").name == "02-race")
    let race = try LessonCatalog.load("02-race")
    #expect(race.steps[0].seed != nil && race.steps[0].wait == .lostUpdate)
  }

  @Test("waits parse from durations and events")
  func waits() {
    #expect(LessonWait(parsing: "2s") == .duration(2_000_000_000))
    #expect(LessonWait(parsing: "1500ms") == .duration(1_500_000_000))
    #expect(LessonWait(parsing: "lost-update") == .lostUpdate)
    #expect(LessonWait(parsing: "step 40") == .steps(40))
    #expect(LessonWait(parsing: "soon") == nil)
    #expect(LessonWait(parsing: "-1s") == nil)
  }

  @Test(
    "a bad lesson names file, line, column and what is wrong",
    arguments: [
      (
        "title = \"t\"\n[[steps]]\nwait = \"1s\"\n[[steps]]\nscenaro = \"race\"\n",
        "bad.toml:5:1: step 2: unknown key 'scenaro'"
      ),
      (
        "title = \"t\"\n[[steps]]\n  wait = \"soon\"\n",
        "bad.toml:3:3: step 1: 'wait' must be a duration"
      ),
      (
        "title = \"t\"\n[[steps]]\nscenario = \"races\"\n",
        "bad.toml:3:1: step 1: 'scenario' must be one of"
      ),
      (
        "title = \"t\"\n[[steps]]\nthreads = 0\n",
        "bad.toml:3:1: step 1: 'threads' must be a number 1...256"
      ),
      ("title = \"t\"\n[[steps]]\nkey = \"x\"\n", "bad.toml:3:1: step 1: 'key' must be one of"),
      (
        "title = \"t\"\n[[steps]]\ncaption = { fr = \"x\" }\n",
        "bad.toml:3:13: step 1: unknown language 'fr'"
      ),
      ("title = \"t\"\n", "bad.toml:1:1: missing [[steps]]"),
      ("[[steps]]\nwait = \"1s\"\n", "bad.toml:1:1: missing 'title'"),
      ("title = \"t\"\nextra = 1\n[[steps]]\n", "bad.toml:2:1: unknown key 'extra'"),
      ("title = \"t\"\n[[steps]\n", "bad.toml:2:"),
      ("", "bad.toml:1:1: missing 'title'"),
      (
        "title = \"t\"\n[[steps]]\nscenario = \"race\"\nexpect = [\"drift != 0\", \"lost updates > 1\"]\n",
        "bad.toml:4:26: step 1: unknown claim 'lost updates > 1'"
      ),
      (
        "title = \"t\"\n[[steps]]\nscenario = \"coarse\"\n[[steps]]\nexpect = [\"lost-updates >= 1\"]\n",
        "bad.toml:5:12: step 2: claim 'lost-updates >= 1' cannot hold: coarse does not count lost updates"
      ),
      (
        "title = \"t\"\n[[steps]]\nscenario = \"race\"\nexpect = [\"deadlock\"]\n",
        "bad.toml:4:12: step 1: claim 'deadlock' cannot hold: race has no lock to wait for"
      ),
      (
        "title = \"t\"\n[[steps]]\nexpect = \"drift != 0\"\n",
        "bad.toml:3:1: step 1: 'expect' must be a list of claims"
      ),
      (
        "title = \"t\"\n[[steps]]\ncaption = \"" + String(repeating: "x", count: 2_001) + "\"\n",
        "bad.toml:3:1: step 1: 'caption' is longer than 2000 characters"
      ),
    ])
  func badLesson(text: String, expected: String) {
    #expect {
      _ = try LessonParser.parse(text, file: "bad.toml")
    } throws: { error in
      "\(error)".hasPrefix(expected)
    }
  }

  @Test("claims parse, with their positions, and check what the dashboard shows")
  func claims() throws {
    let lesson = try LessonParser.parse(
      "title = \"t\"\n[[steps]]\nscenario = \"race\"\nexpect = [\"drift != 0\", \"visible: lost update\"]\n",
      file: "ok.toml")
    let claims = lesson.steps[0].expect
    #expect(claims.map(\.kind) == [.drift(.notEqual, 0), .visible("lost update")])
    #expect(claims.map(\.line) == [4, 4])
    #expect(claims.map(\.column) == [12, 26])
    let seen = LessonObservation(drift: 0, screen: ["a lost update here"])
    #expect(claims[0].check(seen).holds == false)
    #expect(claims[0].check(seen).seen == "drift 0")
    #expect(claims[1].check(seen).holds)
    #expect(
      LessonClaim(parsing: "lost-updates >= 1")?.check(LessonObservation()).seen
        == "lost updates not counted (full speed)")
  }

  @Test("the claims of the scenarios beyond the seed parse and check their figures")
  func beyondSeedClaims() throws {
    let lesson = try LessonParser.parse(
      """
      title = "t"
      [[steps]]
      scenario = "semaphore"
      permits = 2
      bounded = true
      expect = ["raised", "most-in-use <= 2"]
      [[steps]]
      scenario = "condition"
      variant = "notify"
      wait = "hang"
      [[steps]]
      scenario = "gil"
      gil-switch = "any"
      expect = ["gil-switches > 0"]
      [[steps]]
      scenario = "reorder"
      fence = true
      expect = ["reordered == 0"]
      [[steps]]
      scenario = "process"
      expect = ["process-balances == 0"]
      """, file: "beyond.toml")
    let steps = lesson.steps
    #expect(steps[0].options.permits == 2 && steps[0].options.bounded == true)
    #expect(steps[1].options.variant == .notify)
    #expect(steps[2].options.gilSwitch == .any)
    #expect(steps[3].options.fence == true)
    #expect(steps.filter { !$0.restartsRun }.isEmpty)
    let claims = steps.flatMap(\.expect)
    #expect(
      claims.map(\.kind) == [
        .raised, .mostInUse(.atMost, 2), .gilSwitches(.more, 0), .reordered(.equal, 0),
        .processBalancesZero,
      ])
    var seen = LessonObservation()
    #expect(claims.map { $0.check(seen).holds } == [false, false, false, false, false])
    seen.raised = true
    seen.mostInUse = 3
    seen.gilSwitches = 67
    seen.reordered = 0
    seen.processBalances = [0, 0, 5]
    #expect(claims.map { $0.check(seen).holds } == [true, false, true, true, false])
    #expect(claims[4].check(seen).seen == "balances [0, 0, 5]")
  }

  @Test("reading time: 2 s, 0.3 s a word, 0.2 s a CJK character")
  func readingTime() {
    #expect(ReadingTime.of("") == 2_000_000_000)
    #expect(ReadingTime.of("Two words.") == 2_800_000_000)
    #expect(ReadingTime.of("三个字") == 2_600_000_000)
    #expect(ReadingTime.of("锁 lock.acquire()") == 2_000_000_000 + 200_000_000 + 2 * 400_000_000)
  }

  @Test("random bytes give errors, never crashes")
  func randomBytes() {
    var generator = SplitMix64(seed: 2026)
    let alphabet = Array("[]{}=\"'#.,-_ \n\tabcsteps123\\:x".utf8)
    var refused = 0
    for _ in 0..<3000 {
      let count = Int(generator.next() % 48)
      let bytes = (0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
      let text = String(decoding: bytes, as: UTF8.self)
      // Either a lesson, or an error that points into the file.
      do {
        let lesson = try LessonParser.parse(text, file: "fuzz.toml")
        #expect(!lesson.steps.isEmpty)
      } catch {
        refused += 1
        #expect(error.file == "fuzz.toml" && error.line >= 1 && error.column >= 1, "\(error)")
      }
      do {
        _ = try ThemeParser.parse(text, file: "fuzz.toml", fallback: ThemeCatalog.defaultTheme)
      } catch {
        #expect(error.line >= 1 && error.column >= 1, "\(error)")
      }
    }
    #expect(refused > 2_500, "random text is rarely a lesson")
  }
}

@Suite("Challenge progress")
struct ChallengeProgressTests {
  @Test("progress reads back as written; the best win is kept, one's own over a helped one")
  func roundTrip() throws {
    var progress = ChallengeProgress()
    progress.record("04-overdraw", won: true, steps: 9, preemptions: 2, helped: true)
    progress.record("04-overdraw", won: false, steps: 3, preemptions: 0)
    progress.record("04-overdraw", won: true, steps: 12, preemptions: 3)
    progress.record("04-overdraw", won: true, steps: 5, preemptions: 1, helped: true)
    progress.record("a \"quoted\" name", won: false, steps: 1, preemptions: 0)
    let record = try #require(progress.records["04-overdraw"])
    #expect(record == .init(won: true, steps: 12, preemptions: 3, tries: 4, helped: false))
    let read = try ChallengeProgress.parse(progress.text, file: "progress.toml")
    #expect(read == progress)
  }

  @Test("a progress file that is not progress is refused with its line")
  func refused() {
    let cases = [
      ("[challenges.x]\nwon = true\nsteps = -1\npreemptions = 0\n", 1),
      ("title = \"x\"\n", 1),
      ("[challenges.x]\nwon = yes\n", 2),
    ]
    for (text, line) in cases {
      do {
        _ = try ChallengeProgress.parse(text, file: "p.toml")
        Issue.record("accepted: \(text)")
      } catch {
        #expect(error.line == line, "\(text): \(error)")
      }
    }
  }
}
