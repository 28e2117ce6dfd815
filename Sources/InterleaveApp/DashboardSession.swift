import Glibc
import InterleaveDashboard
import InterleaveRuntime
import InterleaveTerminal

/// The interactive dashboard: one UI thread owns the terminal; each frame it
/// reads keys, drains events, samples counters, renders and draws.
final class DashboardSession {
  /// At most this many frames per second while something moves.
  static let frameInterval: Int32 = 33
  /// How long the UI thread sleeps in `wget_wch` when nothing moves.
  static let idleInterval: Int32 = 250
  /// Events folded into the state per frame, so keys stay responsive.
  static let eventsPerFrame = 20_000

  private var configuration: RunConfiguration
  let language: Language
  private let themes: [Theme]
  private var themeIndex: Int
  private let terminal: Terminal
  private var run: Run
  private(set) var state: DashboardState
  private var cpu = ThreadCPUSampler()
  private var lastCPUSample: UInt64 = 0
  private var cpuShares: [Int32: Double] = [:]
  private var batch: [Event] = []
  /// How each run (and restart) is scheduled; nil lets the OS interleave.
  private var schedule: Schedule?
  /// Copies the screen to a cast file, when recording.
  private let recorder: Recorder?
  /// Plays a lesson, when one was asked for.
  private let player: LessonPlayer?
  /// No real terminal: the session ends with the lesson.
  private let headless: Bool
  /// The lesson's caption, kept across restarts.
  private var lessonCaption: String?
  /// Whether the current run has lost an update (seen in its events).
  private(set) var lostSeen = false
  /// Events the current run has delivered to this session.
  private var received = 0
  /// Where the events of every ended run went.
  private(set) var events = EventAccount()
  /// Runs whose events did not add up (`received + dropped != produced`).
  private(set) var inexactRuns = 0
  /// Runs started, restarts included.
  private(set) var runs = 1

  init(
    configuration: RunConfiguration, language: Language, themes: [Theme], themeIndex: Int,
    terminal: Terminal, schedule: Schedule? = nil, recorder: Recorder? = nil,
    lesson: Lesson? = nil, headless: Bool = false
  ) {
    self.configuration = configuration
    self.schedule = schedule
    self.recorder = recorder
    self.player = lesson.map(LessonPlayer.init)
    self.headless = headless
    self.language = language
    self.themes = themes
    self.themeIndex = themeIndex
    self.terminal = terminal
    run = Run(configuration, chinese: language == .zh, chooser: schedule?.chooser())
    state = DashboardSession.freshState(run, language: language, theme: themes[themeIndex].name)
    state.scheduleLabel = schedule?.label
  }

  static func freshState(_ run: Run, language: Language, theme: String) -> DashboardState {
    DashboardState(
      configuration: run.configuration, names: run.names, lockNames: run.locks().map(\.name),
      cores: RunConfiguration.onlineCores, language: language, themeName: theme)
  }

  /// Runs until `q` or a quit signal.
  /// - Returns: the exit status (0, or 128 + the signal).
  func loop() -> Int32 {
    var status: Int32 = 0
    frames: while true {
      if let signal = terminal.quitSignal {
        status = 128 + signal
        break
      }
      if let size = recorder?.followResize() {
        terminal.resize(width: size.width, height: size.height)
      }
      let moving = state.runState == .running
      if let key = terminal.readKey(
        timeout: moving ? DashboardSession.frameInterval : DashboardSession.idleInterval),
        let command = KeyCommand(key)
      {
        if command == .quit { break frames }
        perform(command)
      }
      update()
      if let player {
        player.advance(self, now: MonotonicClock.now())
        if player.done && headless { break frames }
      }
      let size = terminal.size
      terminal.draw(Dashboard.render(state, width: size.width, height: size.height))
    }
    state.notice = language == .zh ? "正在退出…" : "quitting..."
    endRun()
    return status
  }

  /// Folds queued events and a fresh counter sample into the state.
  private func update() {
    batch.removeAll(keepingCapacity: true)
    received += run.queue.drain(into: &batch, limit: DashboardSession.eventsPerFrame)
    for event in batch {
      state.apply(event)
      if case .lostUpdate = event.kind { lostSeen = true }
    }
    let now = MonotonicClock.now()
    if now - lastCPUSample >= 500_000_000 {
      cpuShares = cpu.sample(state.panes.map(\.tid), now: now)
      lastCPUSample = now
    }
    state.apply(run.sample(cpuByTid: cpuShares))
  }

  private func perform(_ command: KeyCommand) {
    if player == nil { state.notice = nil }
    switch command {
    case .switchTo(let scenario): restart(scenario: scenario)
    case .nextScenario, .previousScenario:
      let all = Scenario.allCases
      let index = all.firstIndex(of: configuration.scenario)!
      let step = command == .nextScenario ? 1 : all.count - 1
      restart(scenario: all[(index + step) % all.count])
    case .togglePause:
      if run.pacer.isPaused { run.pacer.resume() } else { run.pacer.pause() }
    case .step:
      if !run.pacer.isPaused { run.pacer.pause() }
      run.pacer.allowSteps(1)
    case .faster, .slower:
      configuration.speed = run.pacer.speed.stepped(command == .faster ? -1 : 1)
      run.pacer.set(configuration.speed)
    case .restart: restart(scenario: configuration.scenario)
    case .fewerThreads, .moreThreads:
      let next = configuration.threads + (command == .moreThreads ? 1 : -1)
      guard RunConfiguration.threadRange.contains(next) else { return }
      configuration.threads = next
      restart(scenario: configuration.scenario)
    case .nextTheme:
      themeIndex = (themeIndex + 1) % themes.count
      terminal.use(themes[themeIndex])
      state.themeName = themes[themeIndex].name
      state.notice = (language == .zh ? "主题 " : "theme ") + state.themeName
    case .toggleHelp: state.showHelp.toggle()
    case .pageUp, .pageDown:
      let size = terminal.size
      let page = Dashboard.tablePageSize(state, width: size.width, height: size.height)
      let next = state.page + (command == .pageDown ? page : -page)
      state.page = max(0, min(next, max(0, state.threadCount - 1)))
    case .resize: terminal.invalidate()
    case .quit: break
    }
  }

  /// Cancels and joins the current run, then starts `scenario` with the current options.
  private func restart(scenario: Scenario) {
    endRun()
    runs += 1
    configuration.scenario = scenario
    let help = state.showHelp
    run = Run(configuration, chinese: language == .zh, chooser: schedule?.chooser())
    state = DashboardSession.freshState(run, language: language, theme: themes[themeIndex].name)
    state.showHelp = help
    state.scheduleLabel = schedule?.label
    if let lessonCaption { state.caption = lessonCaption }
    lostSeen = false
    recorder?.cast.marker("scenario \(scenario.rawValue)")
  }

  /// Cancels and joins the current run, takes its last events and settles its account.
  private func endRun() {
    run.cancel()
    batch.removeAll(keepingCapacity: true)
    received += run.queue.drain(into: &batch)
    let account = EventAccount(
      produced: run.producedEvents, received: received, dropped: run.queue.dropped)
    if !account.isExact { inexactRuns += 1 }
    events = events + account
    received = 0
  }

  // MARK: - Lessons

  /// Workers' steps so far, all together.
  var totalSteps: Int { state.panes.dropFirst().reduce(0) { $0 + $1.steps } }

  /// Applies one lesson step: settings, caption, key.
  func apply(_ step: LessonStep, number: Int, of count: Int, title: String) {
    if let speed = step.speed {
      configuration.speed = speed
      run.pacer.set(speed)
    }
    if let theme = step.theme, let index = themes.firstIndex(where: { $0.name == theme }) {
      themeIndex = index
      terminal.use(themes[index])
      state.themeName = theme
    }
    if let caption = step.caption {
      lessonCaption = caption.text(language)
      state.caption = caption.text(language)
    }
    recorder?.cast.marker("\(number)/\(count): " + (lessonCaption ?? title))
    if step.restartsRun {
      var next = configuration
      next.threads = step.threads ?? configuration.threads
      next.iterations = step.iterations ?? configuration.iterations
      next.scenario = step.scenario ?? configuration.scenario
      let nextSchedule = step.seed.map { Schedule.seeded($0) }
      // The first step usually describes the run that is already going.
      if next != configuration || nextSchedule != schedule || number > 1 {
        configuration = next
        schedule = nextSchedule
        restart(scenario: next.scenario)
      }
    }
    if let key = step.key, let command = KeyCommand(lessonKey: key) {
      perform(command)
    }
    state.notice = (language == .zh ? "课程 " : "lesson ") + "\(title) · \(number)/\(count)"
  }

  /// Shows that the lesson is over (the dashboard stays until `q`).
  func lessonEnded() {
    state.notice = language == .zh ? "课程结束，按 q 退出" : "end of lesson: q quits"
    recorder?.cast.marker(language == .zh ? "课程结束" : "end of lesson")
  }
}
