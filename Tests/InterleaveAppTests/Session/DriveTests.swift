import InterleaveDashboard
import InterleaveRuntime
import InterleaveTerminal
import InterleaveTestSupport
import Testing

@testable import InterleaveApp

/// Drive mode: the learner picks each step; undo replays; `f` counts what
/// is still possible.
@Suite("Drive mode")
struct DriveTests {
  static let race = RunConfiguration(scenario: .race, threads: 2, iterations: 1)

  static func model(_ configuration: RunConfiguration = race) -> SessionModel {
    SessionModel(
      settings: Settings(
        configuration: configuration, language: .en, theme: nil, schedule: .driven([]),
        environment: [:]))
  }

  @Test("digits step threads, each a step for the real threads; u replays one step fewer")
  func keysToEffects() {
    var model = Self.model()
    #expect(model.keyContext.driving)
    #expect(model.apply(.key(.character("1"))) == [.take([1])])
    #expect(model.apply(.key(.character("2"))) == [.take([2])])
    #expect(model.dashboard.drive?.steps == 2)
    // Thread 1 read 0 and thread 2 read 0: both will write from a stale read.
    #expect(
      model.dashboard.drive?.previews == [.write(cell: 0, value: 5), .write(cell: 0, value: 8)])
    #expect(model.apply(.key(.character("u"))) == [.startRun])
    #expect(model.settings.schedule == .driven([1]))
    #expect(model.apply(.key(.character("U"))) == [.take([2])])
    #expect(model.settings.schedule == .driven([1]), "redo steps on, no replay")
    // Pausing and pacing mean nothing while driving.
    #expect(model.apply(.key(.character(" "))).isEmpty)
    #expect(model.apply(.key(.character("+"))).isEmpty)
  }

  @Test("a key that cannot step says why in the footer, and nothing runs")
  func refusals() {
    var model = Self.model()
    #expect(model.apply(.key(.character("7"))).isEmpty)
    #expect(model.dashboard.notice == "there is no thread 7: keys 1-2 step a thread")
    for _ in 0..<4 { _ = model.apply(.driveStep(1)) }
    #expect(model.apply(.driveStep(1)).isEmpty)
    #expect(model.dashboard.notice == "Thread-1 cannot step: finished")
    #expect(model.dashboard.drive?.runnable == [false, true])

    var deadlock = Self.model(RunConfiguration(scenario: .deadlock, threads: 2, iterations: 1))
    for thread in [1, 1, 2, 2] { _ = deadlock.apply(.driveStep(thread)) }
    #expect(deadlock.apply(.driveStep(1)).isEmpty)
    #expect(deadlock.dashboard.notice == "Thread-1 cannot step: waits for A, held by Thread-2")
    #expect(deadlock.dashboard.drive?.isOver == true)
    #expect(deadlock.apply(.undo) == [.startRun])
    #expect(deadlock.dashboard.drive?.isOver == false)
  }

  @Test("f from the first step: 7 outcomes, 8 8 4 30 4 8 8; Enter goes to the chosen one")
  func fork() {
    var model = Self.model()
    let effects = model.apply(.key(.character("f")))
    // The box opens at once, counting; the count runs off the UI thread.
    #expect(model.dashboard.drive?.fork?.counting == true)
    guard case .countOutcomes(let count) = effects.first else {
      Issue.record("f started no count: \(effects)")
      return
    }
    model.finishFork(count.run { false }, step: count.step)
    let fork = model.dashboard.drive?.fork
    #expect(fork?.counting == false)
    #expect(fork?.total == "70")
    #expect(fork?.rows.map(\.schedules) == ["8", "8", "4", "30", "4", "8", "8"])
    #expect(model.keyContext.forkOpen)
    _ = model.apply(.key(.down))
    _ = model.apply(.key(.down))
    #expect(model.dashboard.drive?.fork?.selected == 2)
    let chosen = model.apply(.key(.character("\r")))
    #expect(model.dashboard.drive?.fork == nil)
    guard case .take(let way) = chosen.first else {
      Issue.record("Enter took no steps: \(chosen)")
      return
    }
    #expect(way.count == 8)
    // The model now stands at the end of the chosen outcome's simplest way.
    #expect(model.drive?.isOver == true)
    #expect(model.drive.map { $0.machine.outcome(of: $0.state) } == .balance(-3))
  }

  @Test("in a session: 1 1 1 2 2 1 2 2 loses an update; u four times is four steps back")
  func session() throws {
    let harness = SessionHarness(.race, iterations: 1, schedule: .driven([]), steady: true)
    _ = try #require(harness.frame(showing: "[1] next: read balance (now 0)"))
    for key in "1112" { harness.screen.press(.character(key)) }
    let four = try #require(harness.frame(showing: "4 steps", "balance 5,"))
    for key in "2122" { harness.screen.press(.character(key)) }
    let end = try #require(harness.frame(showing: "8 steps", "balance -8", "finished"))
    #expect(end.lines.contains { $0.contains("lost updates 1") })
    for _ in 0..<4 { harness.screen.press(.character("u")) }
    let back = try #require(harness.frame(showing: "4 steps", "balance 5,"))
    func gauge(_ canvas: Canvas) -> [String] {
      canvas.lines.filter { $0.contains("balance ") && $0.contains("should end") }
    }
    #expect(gauge(back).map { $0.suffix(30) } == gauge(four).map { $0.suffix(30) })
    harness.screen.press(.character("f"))
    let fork = try #require(harness.frame(showing: "after step 4:"))
    #expect(fork.lines.contains { $0.contains("schedules left") })
    #expect(harness.quit() == 0)
  }

  @Test(
    "f on a run whose count takes seconds: the box says it is counting, and Esc stops it at once")
  func countingOffTheLoop() throws {
    // 3 x 3: millions of states, seconds of counting in a debug build.
    let harness = SessionHarness(
      .race, threads: 3, iterations: 3, schedule: .driven([]), steady: true)
    _ = try #require(harness.frame(showing: "[1] next: read balance"))
    harness.screen.press(.character("f"))
    _ = try #require(harness.frame(showing: "counting every schedule from here", timeout: 5))
    harness.screen.press(.escape)
    let closed = try #require(
      harness.screen.waitFor(timeout: 5) { canvas in
        !canvas.lines.contains { $0.contains("counting every schedule") }
      })
    #expect(!closed.lines.contains { $0.contains("schedules left") })
    // The keys still step the threads.
    harness.screen.press(.character("1"))
    _ = try #require(harness.frame(showing: "1 steps", timeout: 5))
    #expect(harness.quit() == 0)
  }
}
