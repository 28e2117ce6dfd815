import Glibc
import InterleaveContent
import InterleaveDashboard
import InterleaveExport
import InterleavePlatform
import InterleaveRuntime
import InterleaveTerminal
import InterleaveText

/// The interactive dashboard's shell: one UI thread owns the screen; each
/// frame it reads keys, turns them into actions for the model, carries out
/// the effects, drains events, samples counters, renders and draws.
final class Session {
  /// At most this many frames per second while something moves.
  static let frameInterval: UInt64 = 33_000_000
  /// How long the UI thread sleeps waiting for a key when nothing moves.
  static let idleInterval: UInt64 = 250_000_000
  /// Events folded into the state per frame, so keys stay responsive.
  static let eventsPerFrame = 20_000
  /// Keys taken in one frame, at most.
  static let keysPerFrame = 256

  private(set) var model: SessionModel
  private let screen: any Screen
  private(set) var run: Run
  private var sampler = RunSampler()
  private var batch: [Event] = []
  /// Writes the recording's chapter markers, when recording.
  private let marker: ((String) -> UInt64)?
  /// Follows the real terminal's size (a recording's pseudo-terminal).
  private let followResize: (() -> (width: Int, height: Int)?)?
  /// Why the recording stopped being written, if it did: the session ends.
  private let recordingFailure: (() -> SystemError?)?
  /// Called every frame for what the screen's owner must do between frames
  /// (a recording's Ctrl-Z).
  private let betweenFrames: (() -> Void)?
  /// Exit status for a recording that could not be written (BSD `EX_IOERR`).
  static let ioError: Int32 = 74
  private(set) var driver: LessonDriver?
  /// No real terminal: the session ends with the lesson.
  private let headless: Bool
  /// Adjusts each sample before it is shown (tests: fixed ids and times).
  private let observe: ((inout Sample) -> Void)?
  private(set) var lastCanvas: Canvas?
  private var quitRequested = false
  /// Events the current run has delivered to this session.
  private var received = 0
  /// Where the events of every ended run went.
  private(set) var events = EventAccount()
  /// Runs whose events did not add up (`received + dropped != produced`).
  private(set) var inexactRuns = 0
  /// The first lesson step picture that could not be written.
  var snapshotFailure: String?
  /// Runs started, restarts included.
  private(set) var runs = 1

  init(
    settings: Settings, screen: any Screen, lesson: LessonDriver? = nil, headless: Bool = false,
    marker: ((String) -> UInt64)? = nil,
    followResize: (() -> (width: Int, height: Int)?)? = nil,
    recordingFailure: (() -> SystemError?)? = nil,
    betweenFrames: (() -> Void)? = nil,
    observe: ((inout Sample) -> Void)? = nil
  ) {
    self.betweenFrames = betweenFrames
    self.recordingFailure = recordingFailure
    model = SessionModel(settings: settings)
    self.screen = screen
    self.driver = lesson
    self.headless = headless
    self.marker = marker
    self.followResize = followResize
    self.observe = observe
    run = Session.start(model)
    screen.use(settings.theme)
    if settings.traceOut != nil { trace = TraceBuilder() }
    beginTrace()
  }

  /// Every run of the session, for `--trace-out`.
  var trace: TraceBuilder?
  /// The count of outcomes running for `f`, if one is.
  private var counter: OutcomeCounter?
  var traceOrigin: UInt64?
  /// Whether every run so far traced every step.
  private(set) var tracedEveryStep = true

  private static func start(_ model: SessionModel) -> Run {
    var configuration = model.settings.configuration
    // Driven steps (and the replay after an undo) go as fast as they can.
    if case .driven = model.settings.schedule { configuration.speed = .full }
    return Run(
      configuration, names: model.dashboard.names, paused: model.paused,
      chooser: model.settings.schedule?.chooser())
  }

  /// Runs until `q`, a quit signal, or (headless) the lesson's end.
  /// - Returns: the exit status (0, or 128 + the signal).
  func loop() -> Int32 {
    var status: Int32 = 0
    while !quitRequested {
      if let signal = screen.quitSignal {
        status = 128 + signal
        break
      }
      if recordingFailure?() != nil || snapshotFailure != nil {
        status = Session.ioError
        break
      }
      betweenFrames?()
      if let size = followResize?() { screen.resize(width: size.width, height: size.height) }
      if let key = screen.readKey(timeout: timeout()) {
        // Every key typed since the last frame, taken together: a flood of
        // keys costs one restart a frame at most, never a queue of them.
        var keys = [key]
        while keys.count < Session.keysPerFrame, let more = screen.readKey(timeout: 0) {
          keys.append(more)
        }
        press(keys)
      }
      if quitRequested { break }
      collectCount()
      update()
      // Drawn before a lesson looks: its claims are checked against the
      // screen as it stands, not the frame before the event that ended a wait.
      draw()
      if var driver {
        let actions = driver.advance(now: MonotonicClock.now(), seen: observation())
        self.driver = driver
        for action in actions { perform(action, from: .lesson) }
        // The frame has seen every step so far: the next one may run.
        run.pacer.lockstep(driver.holdsSteps)
        run.pacer.letOneStep()
        if driver.done && headless { break }
        // A new sample first: a step that resumed the run shows it running
        // now, and the loop goes on at frame rate, not the paused pace.
        if !actions.isEmpty {
          update()
          draw()
        }
      }
    }
    model.dashboard.notice = model.strings.quitting
    counter?.cancel()
    endRun()
    return status
  }

  /// Shows a count of the outcomes that has finished.
  private func collectCount() {
    guard let counter, let counted = counter.take() else { return }
    self.counter = nil
    model.finishFork(counted, step: counter.step)
  }

  /// How long to wait for a key: a frame while something moves, longer when
  /// nothing does, never past the moment a lesson step is due to end.
  private func timeout() -> Int32 {
    let now = MonotonicClock.now()
    // A count in progress is collected at frame rate.
    var wait =
      model.dashboard.phase == .running || counter != nil
      ? Session.frameInterval : Session.idleInterval
    if let due = driver?.nextDeadline() { wait = min(wait, due > now ? due - now : 0) }
    return Int32((wait + 999_999) / 1_000_000)
  }

  private func draw() {
    let size = screen.size
    let canvas = Dashboard.render(model.dashboard, width: size.width, height: size.height)
    screen.draw(canvas)
    lastCanvas = canvas
  }

  /// Folds queued events and a fresh counter sample into the state.
  private func update() {
    batch.removeAll(keepingCapacity: true)
    received += run.queue.drain(into: &batch, limit: Session.eventsPerFrame)
    for event in batch { model.dashboard.apply(event) }
    if trace != nil {
      for event in batch { trace?.add(event) }
      if !run.tracedEveryStep, run.configuration.scenario.traits.usesBalance {
        trace?.balance(run.balance, at: run.elapsed)
      }
    }
    var sample = sampler.sample(run, now: MonotonicClock.now())
    observe?(&sample)
    model.dashboard.apply(sample)
  }

  private func perform(_ action: Action, from source: SessionModel.Source) {
    for effect in effects(of: action, from: source) { carry(out: effect) }
  }

  /// What the model makes of an action, at the screen's current size.
  private func effects(of action: Action, from source: SessionModel.Source) -> [Effect] {
    let size = screen.size
    let page = Dashboard.tablePageSize(model.dashboard, width: size.width, height: size.height)
    return model.apply(action, from: source, pageSize: page)
  }

  /// Keys typed together: each goes through the model in turn, and their
  /// effects are carried out once, coalesced.
  private func press(_ keys: [Key]) {
    var effects: [Effect] = []
    // A quit jumps the queue: the keys typed before it in the same frame
    // (a key held down, a flood) are not carried out first.
    let context = model.keyContext
    if keys.contains(where: { KeyMap.action(for: $0, in: context) == .quit }) {
      for effect in self.effects(of: .quit, from: .key) { carry(out: effect) }
      return
    }
    for key in keys {
      guard let action = action(for: key) else { continue }
      effects += self.effects(of: action, from: .key)
      if effects.contains(.quit) { break }
    }
    for effect in Effect.coalesced(effects) { carry(out: effect) }
  }

  /// What a key does; for the mouse, what is under it decides.
  private func action(for key: Key) -> Action? {
    guard case .mouse(let mouse) = key else { return KeyMap.action(for: key, in: model.keyContext) }
    let context = model.keyContext
    guard !context.helpOpen, !context.pickerOpen, !context.forkOpen else { return nil }
    let size = screen.size
    let hit = Dashboard.hit(
      model.dashboard, width: size.width, height: size.height, x: mouse.x, y: mouse.y)
    switch (mouse.kind, hit) {
    case (.click, .tab(let scenario)):
      return context.driving ? nil : .switchScenario(scenario)
    case (.click, .pane(let worker)): return .focusPane(worker)
    case (.wheelUp, .pane(let worker)) where model.dashboard.focus == worker: return .scrollFocus(3)
    case (.wheelDown, .pane(let worker)) where model.dashboard.focus == worker:
      return .scrollFocus(-3)
    case (.wheelUp, .table): return .pageUp
    case (.wheelDown, .table): return .pageDown
    default: return nil
    }
  }

  private func carry(out effect: Effect) {
    switch effect {
    case .startRun:
      endRun()
      runs += 1
      run = Session.start(model)
      beginTrace()
    case .pause: run.pacer.pause()
    case .resume: run.pacer.resume()
    case .allowStep: run.pacer.allowSteps(1)
    case .take(let threads): run.scheduler?.take(threads)
    case .setSpeed(let speed): run.pacer.set(speed)
    case .useTheme: screen.use(model.settings.theme)
    case .redraw: screen.invalidate()
    case .marker(let label):
      // A step's time counts from when its marker is in the recording.
      if let written = marker?(label) { driver?.markerWritten(label, at: written) }
    case .saveSnapshot(let name):
      if let notice = saveSnapshot(name) { model.dashboard.notice = notice }
    case .countOutcomes(let count):
      counter?.cancel()
      counter = OutcomeCounter(count)
      // No thread to be had: count here, as before.
      if counter == nil { model.finishFork(count.run { false }, step: count.step) }
    case .stopCounting:
      counter?.cancel()
      counter = nil
    case .quit: quitRequested = true
    }
  }

  /// Cancels and joins the current run, takes its last events and settles its account.
  private func endRun() {
    run.cancel()
    batch.removeAll(keepingCapacity: true)
    received += run.queue.drain(into: &batch)
    if trace != nil {
      for event in batch { trace?.add(event) }
      tracedEveryStep = tracedEveryStep && run.tracedEveryStep
    }
    let account = EventAccount(
      produced: run.producedEvents, received: received, dropped: run.queue.dropped)
    if !account.isExact { inexactRuns += 1 }
    events = events + account
    received = 0
  }
}
