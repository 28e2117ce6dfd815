import InterleaveRuntime
import InterleaveTerminal
import InterleaveText
import Testing

@testable import InterleaveApp

/// Keys to actions to effects: the session's logic as values.
@Suite("Session model")
struct SessionModelTests {
  static func model(_ scenario: Scenario = .race, schedule: Schedule? = nil) -> SessionModel {
    SessionModel(
      settings: Settings(
        configuration: RunConfiguration(scenario: scenario, threads: 2, speed: .normal),
        language: .en, theme: nil, schedule: schedule, environment: [:]))
  }

  @Test("d on a million-iteration run drives a small run of it at once, and says so")
  func driveSmall() {
    var model = Self.model()
    #expect(model.settings.configuration.iterations == RunConfiguration.defaultIterations)
    let effects = model.apply(.toggleDrive)
    #expect(effects.first == .startRun)
    #expect(model.settings.configuration.iterations == DriveModel.smallIterations)
    #expect(model.settings.configuration.threads == 2)
    #expect(model.dashboard.notice == "driving a small run: 2 threads × 2 iterations")
    // A run short enough to drive is driven as it is, with no notice.
    var short = SessionModel(
      settings: Settings(
        configuration: RunConfiguration(scenario: .race, threads: 3, iterations: 3),
        language: .en, theme: nil, schedule: nil, environment: [:]))
    _ = short.apply(.toggleDrive)
    #expect(short.settings.configuration.iterations == 3)
    #expect(short.settings.configuration.threads == 3)
    #expect(short.dashboard.notice == nil)
  }

  @Test("a speed key after the run ended says, in the footer, that it is the next run's")
  func speedAfterTheEnd() {
    var model = Self.model()
    model.dashboard.phase = .finished
    _ = model.apply(.faster)
    #expect(model.dashboard.speed == .normal, "the ended run keeps its pace")
    #expect(model.dashboard.notice == "next run: 100 ms/step (r starts it)")
    #expect(model.settings.configuration.speed == .delay(100_000_000))
  }

  @Test("Esc closes the help when it is open, and quits when it is not")
  func escape() {
    #expect(KeyMap.action(for: .escape, helpOpen: true) == .closeHelp)
    #expect(KeyMap.action(for: .escape, helpOpen: false) == .quit)
    #expect(KeyMap.action(for: .character("\u{0C}"), helpOpen: false) == .redraw)
  }

  @Test("a recording's chapter marker for a new run is in the lesson's language")
  func markerLanguage() {
    var model = SessionModel(
      settings: Settings(
        configuration: RunConfiguration(scenario: .race, threads: 2, speed: .normal),
        language: .zh, theme: nil, schedule: nil, environment: [:]))
    #expect(model.apply(.switchScenario(.coarse)) == [.startRun, .marker("场景 coarse")])
  }

  @Test("a switch restarts with a fresh dashboard; a replayed schedule ends there and says so")
  func replayEnds() {
    var model = Self.model(schedule: .replay([1, 2, 1, 2], flag: "--schedule-in r.schedule"))
    let effects = model.apply(.switchScenario(.locked))
    #expect(effects == [.startRun, .marker("scenario locked")])
    #expect(model.settings.schedule == nil)
    #expect(model.dashboard.notice == "replay ended: the schedule was for another run")
    #expect(model.dashboard.scenario == .locked)
    var seeded = Self.model(schedule: .seeded(4))
    _ = seeded.apply(.moreThreads)
    #expect(seeded.settings.schedule == .seeded(4), "a seed fits any run")
  }

  @Test("n pauses first, then steps; space toggles")
  func stepping() {
    var model = Self.model()
    #expect(model.apply(.step) == [.pause, .allowStep])
    #expect(model.apply(.step) == [.allowStep])
    #expect(model.apply(.togglePause) == [.resume])
  }

  @Test("a burst of keys keeps one restart, the last, and what comes after it")
  func coalescing() {
    var model = Self.model()
    var effects: [Effect] = []
    for action in [
      Action.togglePause, .switchScenario(.locked), .faster, .nextTheme,
      .switchScenario(.atomic), .togglePause,
    ] {
      effects += model.apply(action)
    }
    #expect(
      Effect.coalesced(effects) == [.useTheme, .startRun, .marker("scenario atomic"), .pause])
    #expect(model.settings.configuration.scenario == .atomic)
    #expect(model.paused)
  }
}
