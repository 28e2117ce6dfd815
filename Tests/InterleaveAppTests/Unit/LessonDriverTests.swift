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
    #expect(reading == 6 * Self.second)
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
    // The third run holds: no more runs, no failure, and "running again"
    // leaves the footer (it spoke of the run before).
    #expect(
      driver.advance(now: 3 * Self.second, seen: LessonObservation(finished: true, drift: 5)) == [
        .notice(nil)
      ])
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

  @Test("a run that ends in a wrong balance no step of it claims fails the lesson, once")
  func unclaimedWrongBalance() throws {
    var driver = LessonDriver(
      try Self.lesson(
        "[[steps]]\nscenario = \"coarse\"\nwait = \"finished\"\nexpect = [\"finished\"]\n"
          + "[[steps]]\nwait = \"1s\"\n"),
      language: .en)
    let wrong = LessonObservation(finished: true, drift: -10)
    _ = driver.advance(now: 0, seen: LessonObservation())
    _ = driver.advance(now: Self.second, seen: wrong)
    _ = driver.advance(now: 5 * Self.second, seen: wrong)
    _ = driver.advance(now: 7 * Self.second, seen: wrong)
    #expect(driver.failures.map(\.seen) == ["finished with drift -10"])
    #expect(driver.failures.first?.claim.text.contains("wrong final balance") == true)
  }

  @Test("a wrong balance claimed by a later step of the same run is meant, not a failure")
  func claimedByLaterStep() throws {
    var driver = LessonDriver(
      try Self.lesson(
        "[[steps]]\nscenario = \"race\"\nwait = \"finished\"\n"
          + "[[steps]]\nwait = \"1s\"\nexpect = [\"drift != 0\"]\n"),
      language: .en)
    _ = driver.advance(now: 0, seen: LessonObservation())
    _ = driver.advance(now: Self.second, seen: LessonObservation(finished: true, drift: 8))
    _ = driver.advance(now: 5 * Self.second, seen: LessonObservation(finished: true, drift: 8))
    #expect(driver.failures.isEmpty)
  }

  @Test("a timed-out wait, an unclaimed deadlock and an impossible figure each fail the lesson")
  func otherTroubles() throws {
    var driver = LessonDriver(
      try Self.lesson("[[steps]]\nscenario = \"coarse\"\nwait = \"10s\"\n"), language: .en)
    _ = driver.advance(now: 0, seen: LessonObservation())
    var seen = LessonObservation(deadlocked: true)
    seen.timeouts = 1
    seen.impossible = StandingClaims.shareOver100([" acq 1  contended 2 (200%)"])
    _ = driver.advance(now: Self.second, seen: seen)
    #expect(
      driver.failures.map(\.seen).sorted() == [
        "1 timeouts", "200% on screen: acq 1  contended 2 (200%)", "a deadlock",
      ])
  }

  @Test("a share of at most 100% is possible; more is not")
  func shares() {
    #expect(StandingClaims.shareOver100(["held 100% of the time", "cpu 99.5%"]) == nil)
    #expect(StandingClaims.shareOver100(["争用 3（150%）"]) != nil)
    #expect(StandingClaims.shareOver100(["held 100.4%"]) != nil)
  }

  @Test("a caption that goes up after what its step waits for has happened fails the lesson")
  func captionTooLate() throws {
    let text =
      "[[steps]]\nscenario = \"coarse\"\nwait = \"waiting\"\n"
      + "[[steps]]\ncaption = \"only then does the other thread get the lock\"\n"
      + "wait = \"finished\"\n"
    var late = LessonDriver(try Self.lesson(text), language: .en)
    _ = late.advance(now: 0, seen: LessonObservation())
    _ = late.advance(now: 1, seen: LessonObservation(waiting: true))
    // Step 1 stays up (its reading time) while the run goes on and ends.
    _ = late.advance(now: 20 * Self.second, seen: LessonObservation(finished: true))
    #expect(late.index == 1)
    _ = late.advance(now: 20 * Self.second + 1, seen: LessonObservation(finished: true))
    #expect(late.failures.map(\.seen) == ["the run had finished when it went up"])
    var onTime = LessonDriver(try Self.lesson(text), language: .en)
    _ = onTime.advance(now: 0, seen: LessonObservation())
    _ = onTime.advance(now: 1, seen: LessonObservation(waiting: true))
    _ = onTime.advance(now: 20 * Self.second, seen: LessonObservation(waiting: true))
    // The caption went up in time: the run finishing by the next frame
    // (its key let it go, the frame came late) is what the step waits for.
    _ = onTime.advance(now: 20 * Self.second + 1, seen: LessonObservation(finished: true))
    #expect(onTime.failures.isEmpty)
  }
}
