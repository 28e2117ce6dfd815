import InterleaveDashboard
import InterleaveRuntime
import InterleaveText

/// The session as a value: settings, what the dashboard shows, and a pure
/// function from actions to effects the shell carries out.
struct SessionModel: Equatable, Sendable {
  /// Where an action came from: a person's key, or a lesson step.
  enum Source: Sendable {
    case key
    case lesson
  }

  var settings: Settings
  var dashboard: DashboardState
  var paused = false
  /// A lesson's caption, kept across restarts until the next one.
  var lessonCaption: String?
  /// A lesson's footer notice, kept across restarts.
  var lessonNotice: String?
  /// Set while the learner drives the scheduler.
  var drive: DriveModel?
  /// The speed the user chose (a scenario may run at its own, see
  /// `ScenarioTraits.preferredSpeed`).
  var chosenSpeed: Speed

  init(settings: Settings) {
    self.settings = settings
    chosenSpeed = settings.configuration.speed
    paused = settings.startPaused
    if case .driven(let order) = settings.schedule {
      drive = DriveModel(configuration: settings.configuration, order: order)
      paused = false
    }
    dashboard = SessionModel.dashboard(for: settings)
    dashboard.drive = drive?.view
  }

  /// What keys mean now.
  var keyContext: KeyMap.Context {
    KeyMap.Context(
      helpOpen: dashboard.showHelp, driving: drive != nil, forkOpen: drive?.fork != nil,
      pickerOpen: dashboard.picker != nil, focused: dashboard.focus != nil)
  }

  var strings: any Strings { settings.language.strings }

  /// A fresh dashboard for the run the settings describe.
  static func dashboard(for settings: Settings) -> DashboardState {
    var state = DashboardState(
      configuration: settings.configuration, cores: RunConfiguration.onlineCores,
      language: settings.language, themeName: settings.theme.name)
    state.scheduleLabel = settings.schedule?.label(settings.language.strings)
    return state
  }

  /// Applies an action. `pageSize` is the thread table's page at the
  /// current screen size.
  mutating func apply(_ action: Action, from source: Source = .key, pageSize: Int = 1) -> [Effect] {
    if source == .key, lessonNotice == nil { dashboard.notice = nil }
    var configuration = settings.configuration
    switch action {
    case .switchScenario(let scenario):
      return restart(switching(configuration, to: scenario))
    case .nextScenario, .previousScenario:
      let all = Scenario.all
      let index = all.firstIndex(of: configuration.scenario) ?? 0
      let step = action == .nextScenario ? 1 : all.count - 1
      return restart(switching(configuration, to: all[(index + step) % all.count]))
    case .togglePause:
      paused.toggle()
      return [paused ? .pause : .resume]
    case .pause:
      guard !paused else { return [] }
      paused = true
      return [.pause]
    case .step:
      guard paused else {
        paused = true
        return [.pause, .allowStep]
      }
      return [.allowStep]
    case .faster, .slower:
      return setSpeed(configuration.speed.stepped(action == .faster ? -1 : 1))
    case .setSpeed(let speed):
      return setSpeed(speed)
    case .restart:
      return restart(configuration)
    case .fewerThreads, .moreThreads:
      let next = configuration.threads + (action == .moreThreads ? 1 : -1)
      guard RunConfiguration.threadRange.contains(next),
        configuration.scenario.traits.fixedThreads == nil
      else { return [] }
      configuration.threads = next
      return restart(configuration)
    case .nextTheme:
      settings.themeIndex = (settings.themeIndex + 1) % settings.themes.count
      dashboard.themeName = settings.theme.name
      dashboard.notice = strings.themeNotice(settings.theme.name)
      return [.useTheme]
    case .setTheme(let name):
      guard let index = settings.themes.firstIndex(where: { $0.name == name }) else { return [] }
      settings.themeIndex = index
      dashboard.themeName = name
      return [.useTheme]
    case .toggleHelp:
      dashboard.showHelp.toggle()
      return []
    case .closeHelp:
      dashboard.showHelp = false
      return []
    case .focusPane(let worker):
      guard (1...max(1, dashboard.threadCount)).contains(worker) else { return [] }
      dashboard.focus = dashboard.focus == worker ? nil : worker
      dashboard.focusScroll = 0
      dashboard.notice = dashboard.focus.map { strings.focusNotice(dashboard.transcript.name($0)) }
      return []
    case .scrollFocus(let lines):
      guard dashboard.focus != nil else { return [] }
      dashboard.focusScroll = max(0, min(ThreadPane.recentLength, dashboard.focusScroll + lines))
      return []
    case .unfocus:
      dashboard.focus = nil
      dashboard.focusScroll = 0
      dashboard.notice = nil
      return []
    case .pageUp, .pageDown:
      let next = dashboard.page + (action == .pageDown ? pageSize : -pageSize)
      dashboard.page = max(0, min(next, max(0, dashboard.threadCount - 1)))
      return []
    case .redraw:
      return [.redraw]
    case .quit:
      dashboard.notice = strings.quitting
      return [.quit]
    case .setUp(let setup):
      if let scenario = setup.scenario { configuration = configuration.switching(to: scenario) }
      configuration.options = setup.options.applied(to: configuration.options)
      configuration.threads =
        configuration.scenario.traits.fixedThreads ?? setup.threads ?? configuration.threads
      configuration.iterations = setup.iterations ?? configuration.iterations
      let schedule = setup.seed.map { Schedule.seeded($0) }
      drive = nil
      guard setup.always || configuration != settings.configuration || schedule != settings.schedule
      else { return [] }
      settings.schedule = schedule
      return restart(configuration, keepsReplay: true)
    case .caption(let text):
      lessonCaption = text
      dashboard.caption = text
      return []
    case .notice(let text):
      lessonNotice = text
      dashboard.notice = text
      return []
    case .marker(let label):
      return [.marker(label)]
    case .saveSnapshot(let name):
      return [.saveSnapshot(name)]
    case .key(let key):
      guard let mapped = KeyMap.action(for: key, in: keyContext) else { return [] }
      return apply(mapped, from: source, pageSize: pageSize)
    case .openPicker:
      dashboard.picker = Scenario.all.firstIndex(of: configuration.scenario) ?? 0
      return []
    case .pickerMove(let offset):
      guard let at = dashboard.picker else { return [] }
      dashboard.picker = (at + offset + Scenario.all.count) % Scenario.all.count
      return []
    case .pickerChoose:
      guard let at = dashboard.picker else { return [] }
      dashboard.picker = nil
      return restart(switching(configuration, to: Scenario.all[at]))
    case .closePicker:
      dashboard.picker = nil
      return []
    case .toggleDrive:
      guard drive == nil else {
        drive = nil
        settings.schedule = nil
        return restart(configuration)
      }
      // A run of a million iterations is millions of steps: too many to
      // take by hand, and its model takes seconds to build. Driving starts
      // on a small run of the same scenario instead, and says so.
      var small = configuration
      let long = DriveModel.isTooLong(configuration)
      if long {
        small.iterations = DriveModel.smallIterations
        small.threads = max(
          configuration.scenario.traits.minimumThreads,
          min(configuration.threads, DriveModel.smallThreads))
      }
      drive = DriveModel(configuration: small)
      settings.schedule = .driven([])
      let effects = restart(small)
      if long {
        dashboard.notice = strings.drivingSmall(
          threads: small.threads, iterations: small.iterations)
      }
      return effects
    case .driveStep, .driveAuto, .undo, .redo, .fork, .forkMove, .forkChoose, .closeFork:
      guard var drive else { return [] }
      let effects = driving(action, &drive)
      self.drive = drive
      dashboard.drive = drive.view
      return effects
    }
  }

  /// A count of the outcomes (`f`) has finished off the UI thread.
  mutating func finishFork(
    _ result: Result<[ScheduleExplorer.Result], ScheduleExplorer.TooLarge>, step: Int
  ) {
    guard var drive else { return }
    drive.finishFork(result, step: step)
    self.drive = drive
    dashboard.drive = drive.view
  }

  /// A drive-mode action on `drive`: steps go to the real threads at once;
  /// an undo replays the shorter schedule on fresh threads.
  private mutating func driving(_ action: Action, _ drive: inout DriveModel) -> [Effect] {
    func take(_ thread: Int) -> [Effect] {
      do {
        try drive.take(thread)
        return [.take([thread])]
      } catch {
        dashboard.notice = refusal(error, drive)
        return []
      }
    }
    switch action {
    case .driveStep(let thread):
      return take(thread)
    case .driveAuto:
      guard let thread = drive.automatic(seed: driveSeed) else {
        dashboard.notice = strings.runOver
        return []
      }
      return take(thread)
    case .undo:
      guard drive.undo() else {
        dashboard.notice = strings.nothingToUndo
        return []
      }
      return replay(drive)
    case .redo:
      guard let thread = drive.redoable else {
        dashboard.notice = strings.nothingToRedo
        return []
      }
      return take(thread)
    case .fork:
      guard drive.fork == nil else {
        drive.fork = nil
        return [.stopCounting]
      }
      return [.countOutcomes(drive.openFork())]
    case .forkMove(let offset):
      drive.moveFork(offset)
      return []
    case .forkChoose:
      let way = drive.chooseFork()
      return way.isEmpty ? [] : [.take(way)]
    case .closeFork:
      drive.fork = nil
      return [.stopCounting]
    default:
      return []
    }
  }

  /// The seed of `a`'s choices. Fixed (a driven run has no seed of its own):
  /// `a` picks the same thread at the same step every time, so undoing and
  /// pressing `a` again retraces the same path.
  private var driveSeed: UInt64 { 0x5EED }

  /// Why a key could not step a thread, as the footer says it.
  private func refusal(_ refusal: DriveModel.Refusal, _ drive: DriveModel) -> String {
    switch refusal {
    case .noSuchThread(let number):
      return strings.noSuchThread(number, threads: drive.machine.threads)
    case .over:
      return strings.runOver
    case .cannotStep(let worker, let preview):
      let view = dashboard
      let why = strings.preview(
        preview,
        cell: { drive.machine.cellNames.indices.contains($0) ? drive.machine.cellNames[$0] : "" },
        primitive: { view.primitiveSpecs.indices.contains($0) ? view.primitiveSpecs[$0].name : "" },
        thread: { view.panes.indices.contains($0 + 1) ? view.panes[$0 + 1].name : "" })
      let name = view.panes.indices.contains(worker + 1) ? view.panes[worker + 1].name : ""
      return strings.cannotStep(name, because: why)
    }
  }

  /// Starts the run again on fresh threads, the steps taken so far replayed
  /// at full speed: how undo (and a restart while driving) goes back.
  private mutating func replay(_ drive: DriveModel) -> [Effect] {
    settings.schedule = .driven(drive.order)
    let help = dashboard.showHelp
    dashboard = SessionModel.dashboard(for: settings)
    dashboard.showHelp = help
    dashboard.notice = lessonNotice
    if let lessonCaption { dashboard.caption = lessonCaption }
    return [.startRun]
  }

  private mutating func setSpeed(_ speed: Speed) -> [Effect] {
    let before = settings.configuration.speed
    chosenSpeed = speed
    settings.configuration.speed = speed
    dashboard.changeSpeed(to: speed)
    // Over, the run keeps its own pace: the key's is the next run's, said.
    if let next = dashboard.nextSpeed {
      dashboard.notice = strings.nextRunPace(
        next == .full ? strings.fullSpeed : strings.perStep(next.description))
    }
    if settings.configuration.scenario.traits.pacingFixedAtStart,
      (before == .full) != (speed == .full)
    {
      return restart(settings.configuration)
    }
    return [.setSpeed(speed)]
  }

  /// `configuration` for another scenario, at its preferred speed or the chosen one.
  private func switching(_ configuration: RunConfiguration, to scenario: Scenario)
    -> RunConfiguration
  {
    var next = configuration.switching(to: scenario)
    next.speed = scenario.traits.preferredSpeed ?? chosenSpeed
    return next
  }

  /// Starts `configuration` afresh: a new dashboard, the help as it was.
  /// A replayed schedule ends when the run is no longer the one it was for.
  private mutating func restart(_ configuration: RunConfiguration, keepsReplay: Bool = false)
    -> [Effect]
  {
    var notice = lessonNotice
    if !keepsReplay, case .replay = settings.schedule,
      configuration.scenario != settings.configuration.scenario
        || configuration.threads != settings.configuration.threads
    {
      settings.schedule = nil
      notice = strings.replayEnded
    }
    settings.configuration = configuration
    if drive != nil {
      // Driving goes on in the new run, from its first step.
      drive = DriveModel(configuration: configuration)
      settings.schedule = .driven([])
    }
    let help = dashboard.showHelp
    dashboard = SessionModel.dashboard(for: settings)
    dashboard.showHelp = help
    dashboard.notice = notice
    dashboard.drive = drive?.view
    if let lessonCaption { dashboard.caption = lessonCaption }
    paused = false
    return [.startRun, .marker(strings.scenarioMarker(configuration.scenario.id))]
  }
}
