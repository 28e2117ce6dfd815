import Foundation
import InterleaveContent
import InterleaveDashboard
import InterleavePlatform
import InterleaveRuntime
import InterleaveTerminal
import InterleaveTestSupport
import InterleaveText

@testable import InterleaveApp

/// A whole session on its own thread against a screen in memory: the test
/// presses keys and waits (bounded) for frames, with no terminal at all.
final class SessionHarness: Sendable {
  let screen: MemoryScreen
  private let status = LockedBox<Int32?>(nil)
  private let report = LockedBox<LessonDriver?>(nil)
  private let runCount = LockedBox<Int?>(nil)

  /// `frameLag`: seconds slept between frames, as a loaded machine draws
  /// late. It is load made on purpose, never a wait for something to happen:
  /// what a test then checks must hold however late the frames come.
  ///
  /// Thread ids, CPUs, times and CPU use fixed, so that frames are the
  /// same on every machine and every run.
  static let steady: @Sendable (inout Sample) -> Void = { sample in
    sample.elapsedNs = 0
    sample.cpuByTid = [:]
    for index in sample.threads.indices {
      sample.threads[index].tid = Int32(1000 + sample.threads[index].index)
      sample.threads[index].cpu = sample.threads[index].index % 2
    }
  }

  init(
    _ scenario: Scenario, threads: Int = 2, iterations: Int = 3, speed: Speed = .slow,
    language: Language = .en, seed: UInt64? = nil, schedule: Schedule? = nil,
    paused: Bool = false, width: Int = 80, height: Int = 24, lesson: LessonDriver? = nil,
    steady: Bool = false, frameLag: Double = 0
  ) {
    var settings = Settings(
      configuration: RunConfiguration(
        scenario: scenario, threads: threads, iterations: iterations, speed: speed),
      language: language, theme: nil, schedule: schedule ?? seed.map { .seeded($0) },
      environment: [:])
    settings.startPaused = paused
    let chosen = settings
    screen = MemoryScreen(width: width, height: height)
    let screen = screen
    let status = status
    let report = report
    let runCount = runCount
    let observe = steady ? SessionHarness.steady : nil
    let thread = OSThread.spawn {
      let session = Session(
        settings: chosen, screen: screen, lesson: lesson, headless: lesson != nil,
        betweenFrames: frameLag > 0 ? { usleep(UInt32(frameLag * 1e6)) } : nil,
        observe: observe)
      let code = session.loop()
      report.withLockedValue { $0 = session.driver }
      runCount.withLockedValue { $0 = session.runs }
      status.withLockedValue { $0 = code }
    }
    // A test that never quits leaves the session running; nobody joins it.
    thread?.detach()
  }

  /// The first frame (now or later, within `timeout` s) whose text has all of `texts`.
  func frame(showing texts: String..., timeout: Double = 10) -> Canvas? {
    screen.waitFor(timeout: timeout) { canvas in
      let text = canvas.lines.joined(separator: "\n")
      return texts.allSatisfy(text.contains)
    }
  }

  /// Waits for `count` more frames to be drawn.
  @discardableResult
  func frames(_ count: Int, timeout: Double = 10) -> Bool {
    let target = screen.frameCount + count
    return Wait.until(timeout) { self.screen.frameCount >= target }
  }

  /// The session's exit status once it has ended (nil if it does not within `timeout` s).
  func exitStatus(timeout: Double = 10) -> Int32? {
    Wait.until(timeout) { self.status.snapshot != nil }
    return status.snapshot
  }

  /// Presses q and waits for the session to end.
  func quit() -> Int32? {
    screen.press(.character("q"))
    return exitStatus()
  }

  /// Runs the session started, once it has ended.
  var runs: Int? { runCount.snapshot }

  /// The lesson driver as the session left it.
  var lesson: LessonDriver? { report.snapshot }
}
