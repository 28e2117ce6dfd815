import InterleaveContent
import InterleaveDashboard
import InterleaveRuntime
import InterleaveTerminal
import InterleaveTestSupport
import InterleaveText
import Testing

@testable import InterleaveApp

/// The whole dashboard session, in process, against a screen in memory:
/// keys, lessons, resizes, pause and step, help and themes.
@Suite("The session, with no terminal")
struct SessionTests {
  /// A run paused before its first step: every worker started, nothing
  /// moved. Under a scheduler a worker says it started in its first turn,
  /// so then only the first chosen one has.
  static func startedFrame(_ harness: SessionHarness, workers: Int, scheduled: Bool = false)
    -> Canvas?
  {
    harness.screen.waitFor { canvas in
      let text = canvas.lines.joined(separator: "\n")
      let started = text.components(separatedBy: " started").count - 1
      // A process worker has also forked its child (slow under a sanitizer).
      let forked = text.components(separatedBy: "forked a child").count - 1
      return started == (scheduled ? 1 : workers) && !text.contains(" created ")
        && (!text.contains("Process-1") || forked == workers)
        && (text.contains("waits for the workers") || text.contains("sleeps till the workers"))
    }
  }

  @Test(
    "every scenario, paused before its first step, as a whole frame at 80x24 and 120x40 below the tab row; in the tab row its own tab is the active one",
    arguments: Scenario.all)
  func scenarioFrames(scenario: Scenario) throws {
    for (width, height) in [(80, 24), (120, 40)] {
      let harness = SessionHarness(
        scenario, paused: true, width: width, height: height, steady: true)
      let frame = try #require(Self.startedFrame(harness, workers: 2), "\(scenario.id)")
      // The tab row is the same in every scenario but for which tab is
      // active: it has a snapshot of its own (`tabRow`), so a new scenario
      // changes one snapshot, not every one.
      Snapshot.check(
        Snapshot.text(frame, rows: 1..<height), named: "session-\(scenario.id)-\(width)x\(height)")
      let active = (0..<width).filter { frame[$0, 0].style.role == .tabActive }
      let label = active.map { frame[$0, 0].text }.joined()
      // The active tab is its key and its name: `1 loop`.
      #expect(label.split(separator: " ").map(String.init).last == scenario.id, "\(label)")
      #expect(frame.lines[0].hasSuffix("PAUSED  0.0 s "), "\(frame.lines[0])")
      #expect(harness.quit() == 0)
    }
  }

  @Test("the tab row, with race active, at 80x24 and 120x40")
  func tabRow() throws {
    var rows = ""
    for (width, height) in [(80, 24), (120, 40)] {
      let harness = SessionHarness(.race, paused: true, width: width, height: height, steady: true)
      let frame = try #require(Self.startedFrame(harness, workers: 2))
      rows += Snapshot.text(frame, rows: 0..<1)
      #expect(harness.quit() == 0)
    }
    Snapshot.check(rows, named: "session-tab-row")
  }

  @Test("the help, a lesson caption, and a terminal too small, as whole frames")
  func overlayFrames() throws {
    let harness = SessionHarness(.race, paused: true, steady: true)
    _ = try #require(Self.startedFrame(harness, workers: 2))
    harness.screen.press(.character("?"))
    Snapshot.check(try #require(harness.frame(showing: "Tab / Shift-Tab")), named: "session-help")
    harness.screen.resizeTerminal(width: 50, height: 12)
    Snapshot.check(
      try #require(harness.frame(showing: "terminal too small")), named: "session-too-small")
    #expect(harness.quit() == 0)

    let lesson = try LessonParser.parse(
      """
      title = "t"
      [[steps]]
      scenario = "race"
      threads = 2
      iterations = 3
      seed = 4
      caption = { en = "No lock. balance += n is two steps: read the balance, then write it back plus n." }
      wait = "30s"
      """, file: "caption.toml")
    let captioned = SessionHarness(
      .race, seed: 4, paused: true,
      lesson: LessonDriver(lesson, language: .en, timeScale: 1), steady: true)
    _ = try #require(Self.startedFrame(captioned, workers: 2, scheduled: true))
    Snapshot.check(
      try #require(captioned.frame(showing: "two steps: read", "lesson t · 1/1")),
      named: "session-caption")
    captioned.screen.press(.character("q"))
    #expect(captioned.exitStatus() == 0)
  }

  @Test("number keys switch scenario and Tab and Shift-Tab cycle, the caption following")
  func switching() throws {
    let harness = SessionHarness(.loop)
    _ = try #require(harness.frame(showing: "LoopThread-1"))
    harness.screen.press(.character("3"))
    #expect(harness.frame(showing: "A lock around change_it()", " 3 locked ") != nil)
    harness.screen.press(.character("\t"))
    #expect(harness.frame(showing: "The _thread lock") != nil)
    harness.screen.press(.backTab, .backTab)
    #expect(harness.frame(showing: "No lock: balance += n") != nil)
    #expect(harness.quit() == 0)
  }

  @Test("space pauses: a badge, the threads marked paused, the clock stopped")
  func pause() throws {
    let harness = SessionHarness(.race, speed: .delay(20_000_000))
    _ = try #require(harness.frame(showing: "read balance"))
    harness.screen.press(.character(" "))
    let paused = try #require(harness.frame(showing: "‖ PAUSED"))
    #expect(paused.lines.filter { $0.hasSuffix(" paused ") || $0.contains(" paused ") }.count >= 2)
    let clock = paused.line(0).split(separator: " ").suffix(2).joined(separator: " ")
    #expect(harness.frames(4))
    let later = try #require(harness.screen.frame)
    #expect(later.line(0).split(separator: " ").suffix(2).joined(separator: " ") == clock)
    #expect(harness.quit() == 0)
  }

  @Test("n takes exactly one step of a seeded run, and n again exactly one more")
  func singleSteps() throws {
    let harness = SessionHarness(.race, seed: 4, paused: true)
    _ = try #require(Self.startedFrame(harness, workers: 2, scheduled: true))
    func stripSteps(_ canvas: Canvas) -> Int {
      canvas.lines.filter { $0.hasPrefix("│Thread-") }.reduce(0) { total, lane in
        total + lane.filter { "RW!".contains($0) }.count
      }
    }
    harness.screen.press(.character("n"))
    let one = try #require(harness.screen.waitFor { stripSteps($0) >= 1 })
    #expect(stripSteps(one) == 1)
    harness.screen.press(.character("n"))
    let two = try #require(harness.screen.waitFor { stripSteps($0) >= 2 })
    #expect(stripSteps(two) == 2)
    #expect(harness.quit() == 0)
  }

  @Test("Esc closes the help; Esc without the help quits")
  func escape() throws {
    let harness = SessionHarness(.race)
    _ = try #require(harness.frame(showing: "Thread-2"))
    harness.screen.press(.character("?"))
    _ = try #require(harness.frame(showing: "Tab / Shift-Tab"))
    harness.screen.press(.escape)
    let closed = harness.screen.waitFor { !$0.lines.joined().contains("Tab / Shift-Tab") }
    #expect(closed != nil)
    #expect(harness.exitStatus(timeout: 0.5) == nil, "the first Esc only closed the help")
    harness.screen.press(.escape)
    #expect(harness.exitStatus() == 0)
  }

  @Test("t moves to the next theme and says which")
  func themes() throws {
    let harness = SessionHarness(.race)
    _ = try #require(harness.frame(showing: "Thread-2"))
    #expect(harness.screen.themeName == "default")
    harness.screen.press(.character("t"))
    #expect(harness.frame(showing: "theme light") != nil)
    #expect(harness.screen.themeName == "light")
    #expect(harness.quit() == 0)
  }

  @Test("a resize below 60x15 asks for room; back to 80x24 the dashboard returns")
  func resize() throws {
    let harness = SessionHarness(.race)
    _ = try #require(harness.frame(showing: "Thread-2"))
    harness.screen.resizeTerminal(width: 50, height: 12)
    let small = try #require(harness.frame(showing: "terminal too small (need 60x15)"))
    #expect(small.width == 50 && small.height == 12)
    harness.screen.resizeTerminal(width: 80, height: 24)
    let back = try #require(harness.frame(showing: "Thread-2", "? help"))
    #expect(back.width == 80)
    #expect(harness.quit() == 0)
  }

  @Test("a quit signal ends the session with 128 + its number")
  func signal() throws {
    let harness = SessionHarness(.deadlock, speed: .fast)
    _ = try #require(harness.frame(showing: "DEADLOCK"))
    harness.screen.signal(15)
    #expect(harness.exitStatus() == 143)
  }

  @Test("a lesson plays in the session: captions in turn, claims checked, the end said")
  func lesson() throws {
    let lesson = try LessonParser.parse(
      """
      title = "mini"
      [[steps]]
      scenario = "race"
      threads = 2
      iterations = 3
      seed = 4
      speed = 20
      caption = "First the race."
      wait = "lost-update"
      expect = ["lost-updates >= 1", "visible: First the race."]
      [[steps]]
      scenario = "locked"
      speed = 20
      caption = "Then the lock."
      wait = "finished"
      expect = ["balance == expected", "finished", "drift == 0"]
      """, file: "mini.toml")
    let harness = SessionHarness(
      .race, seed: 4, lesson: LessonDriver(lesson, language: .en, timeScale: 0.05))
    #expect(harness.frame(showing: "First the race.") != nil)
    #expect(harness.frame(showing: "Then the lock.", " 3 locked ") != nil)
    #expect(harness.exitStatus(timeout: 30) == 0)
    let driver = try #require(harness.lesson)
    #expect(driver.done)
    #expect(driver.failures.isEmpty, "\(driver.failures)")
    #expect(driver.checked == 5)
  }

  @Test("a lesson that pauses at an event pauses there, however late the frames come")
  func pauseLandsOnItsEvent() throws {
    // At 5 ms a step the whole loop is over within one 200 ms frame, unless
    // the run steps in lockstep with the frames that look for `>>> 3`.
    let lesson = try LessonParser.parse(
      """
      title = "t"
      [[steps]]
      scenario = "loop"
      threads = 1
      speed = 5
      caption = "Counting."
      wait = "visible: >>> 3"
      timeout = "60s"
      pause = true
      expect = ["visible: >>> 3"]
      [[steps]]
      key = "space"
      caption = "Then the rest."
      wait = "finished"
      timeout = "60s"
      expect = ["finished", "visible: >>> 6"]
      """, file: "lag.toml")
    let harness = SessionHarness(
      .loop, threads: 1, lesson: LessonDriver(lesson, language: .en, timeScale: 1),
      frameLag: 0.2)
    let paused = try #require(harness.frame(showing: "‖ PAUSED", ">>> 3", timeout: 60))
    #expect(!paused.lines.joined().contains(">>> 4"))
    #expect(harness.exitStatus(timeout: 60) == 0)
    let driver = try #require(harness.lesson)
    #expect(driver.done)
    #expect(driver.failures.isEmpty, "\(driver.failures)")
  }

  @Test(
    "a flood of keys is taken a frame's worth at a time: one restart a frame, the last one wins")
  func keyFlood() throws {
    let harness = SessionHarness(.loop)
    _ = try #require(harness.frame(showing: "LoopThread-1"))
    let keys = (0..<300).map { Key.character(Character("\(1 + $0 % 6)")) } + [.character("2")]
    harness.screen.press(keys)
    #expect(harness.frame(showing: " 2 race ", "No lock: balance += n") != nil)
    #expect(harness.quit() == 0)
    let runs = try #require(harness.runs)
    #expect(runs < 20, "\(runs) runs for one burst of 301 keys")
  }

  @Test("q jumps the queue: the keys typed before it in the same frame are not carried out")
  func quitFirst() throws {
    let harness = SessionHarness(.loop)
    _ = try #require(harness.frame(showing: "LoopThread-1"))
    harness.screen.press(Array(repeating: Key.character("r"), count: 200) + [.character("q")])
    #expect(harness.exitStatus() == 0)
    #expect(harness.runs == 1, "the restarts before q were carried out")
  }
}
