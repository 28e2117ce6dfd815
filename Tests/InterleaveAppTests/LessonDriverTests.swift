import InterleaveContent
import InterleaveRuntime
import InterleaveText
import Testing

@testable import InterleaveApp

/// The lesson driver as a pure function of time and what the dashboard shows.
@Suite("Lesson driver")
struct LessonDriverTests {
  static let second: UInt64 = 1_000_000_000

  static func lesson(_ text: String) throws -> Lesson {
    try LessonParser.parse("title = \"t\"\n" + text, file: "t.toml")
  }

  @Test("a caption stays up for its reading time even when its wait is shorter")
  func readingTime() throws {
    let caption = "one two three four five six seven eight nine ten"
    var driver = LessonDriver(
      try Self.lesson(
        "[[steps]]\ncaption = \"\(caption)\"\nwait = \"500ms\"\n[[steps]]\nwait = \"1s\"\n"),
      language: .en)
    _ = driver.advance(now: 0, seen: LessonObservation())
    #expect(driver.index == 0)
    let reading = ReadingTime.of(caption)
    #expect(reading == 5 * Self.second)
    _ = driver.advance(now: reading - 1, seen: LessonObservation())
    #expect(driver.index == 0, "still reading")
    #expect(driver.nextDeadline() == reading)
    _ = driver.advance(now: reading, seen: LessonObservation())
    #expect(driver.index == 1)
  }

  @Test("a finished run's result stays up three seconds before the next step")
  func resultHold() throws {
    var driver = LessonDriver(
      try Self.lesson("[[steps]]\nwait = \"finished\"\n[[steps]]\nwait = \"1s\"\n"), language: .en)
    _ = driver.advance(now: 0, seen: LessonObservation())
    _ = driver.advance(now: 2 * Self.second, seen: LessonObservation(finished: true))
    _ = driver.advance(now: 4 * Self.second, seen: LessonObservation(finished: true))
    #expect(driver.index == 0, "the result is still on show")
    _ = driver.advance(now: 5 * Self.second, seen: LessonObservation(finished: true))
    #expect(driver.index == 1)
  }

  @Test("claims are checked when the wait ends; a step with retries runs again until they hold")
  func retries() throws {
    var driver = LessonDriver(
      try Self.lesson(
        "[[steps]]\nscenario = \"race\"\nwait = \"finished\"\nretry = 2\nexpect = [\"drift != 0\"]\n"
      ),
      language: .en, timeScale: 0.5)
    _ = driver.advance(now: 0, seen: LessonObservation())
    let again = driver.advance(
      now: Self.second, seen: LessonObservation(finished: true, drift: 0))
    #expect(again.contains(.setUp(LessonSetup(always: true))))
    #expect(
      again.contains {
        if case .notice(let text) = $0 { text?.contains("(1/2)") == true } else { false }
      })
    let second = driver.advance(
      now: 2 * Self.second, seen: LessonObservation(finished: true, drift: 0))
    #expect(second.contains(.setUp(LessonSetup(always: true))))
    // The third run holds: no more runs, and no failure.
    #expect(
      driver.advance(now: 3 * Self.second, seen: LessonObservation(finished: true, drift: 5)) == [])
    #expect(driver.failures.isEmpty)
    #expect(driver.checked == 1)
  }

  @Test("a claim that never holds is a failure once the retries are spent, and the lesson goes on")
  func failure() throws {
    var driver = LessonDriver(
      try Self.lesson(
        "[[steps]]\nscenario = \"race\"\nwait = \"finished\"\nexpect = [\"drift != 0\"]\n"),
      language: .en)
    _ = driver.advance(now: 0, seen: LessonObservation())
    _ = driver.advance(now: Self.second, seen: LessonObservation(finished: true, drift: 0))
    #expect(driver.failures.map(\.seen) == ["drift 0"])
    _ = driver.advance(now: 10 * Self.second, seen: LessonObservation(finished: true, drift: 0))
    #expect(driver.done)
  }

  @Test("pause = true pauses the run the moment the wait ends")
  func pauses() throws {
    var driver = LessonDriver(
      try Self.lesson("[[steps]]\nscenario = \"race\"\nwait = \"lost-update\"\npause = true\n"),
      language: .en)
    _ = driver.advance(now: 0, seen: LessonObservation())
    #expect(driver.advance(now: 1, seen: LessonObservation()) == [])
    #expect(driver.advance(now: 2, seen: LessonObservation(lostSeen: true)) == [.pause])
  }

  @Test("paced speeds and every wait are scaled by the time scale")
  func scaling() throws {
    var driver = LessonDriver(
      try Self.lesson("[[steps]]\nspeed = 400\nwait = \"10s\"\n"), language: .en, timeScale: 0.1)
    let first = driver.advance(now: 0, seen: LessonObservation())
    #expect(first.contains(.setSpeed(.delay(40_000_000))))
    #expect(driver.nextDeadline() == Self.second)
  }
}
