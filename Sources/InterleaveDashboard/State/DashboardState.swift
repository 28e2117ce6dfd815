import InterleaveRuntime
import InterleaveText

/// Everything the dashboard shows, as plain values: a pure reduction of
/// events and counter samples, testable with no terminal and no threads.
public struct DashboardState: Equatable, Sendable {
  public var scenario: Scenario
  public var threadCount: Int
  public var iterations: Int
  /// The speed the run goes (or went) at.
  public var speed: Speed
  /// A speed chosen once the run was over: the next run's, not this one's.
  public var nextSpeed: Speed?
  /// Some of the run went at a pace (or was driven): its whole-run figures
  /// (an ended thread's average rate, cores busy over the workers' span)
  /// would mix the paced time in, so they are not shown.
  public var pacedEarlier = false
  public var cores: Int
  public var phase: RunPhase = .running
  /// Time the run has been running, pauses left out.
  /// At full speed: how many workers ran at once, on average, and whether
  /// that is measured over the whole run (every worker ended) or sampled
  /// from the last moments' CPU use.
  public var parallelism: Parallelism?
  public var elapsedNs: UInt64 = 0
  /// The run's primitives, in id order.
  public var primitiveSpecs: [PrimitiveSpec]
  public var primitives: [PrimitiveSnapshot] = []
  /// Index 0 is the main thread, then the workers.
  public var panes: [ThreadPane]
  public var strip = InterleavingStrip()
  public var deadlock: DeadlockCycle?
  public var balance: BalanceView
  /// The latest lost update, step by step.
  public var story: LostStory?
  /// The caption bar's text (a lesson's caption, or the scenario's blurb).
  public var caption: String
  public var showHelp = false
  /// First thread shown in the compact table.
  public var page = 0
  public var themeName: String
  public var droppedEvents = 0
  /// Threads the system refused to create (shown in the footer).
  public var failedThreads = 0
  /// A short message in the footer (e.g. "switching to race...").
  public var notice: String?
  /// How the run is scheduled, when one step at a time (`seed 4`, `replay`).
  public var scheduleLabel: String?
  /// The list of every scenario, open, with this row chosen.
  public var picker: Int?
  /// The worker (1-based) whose pane has the whole threads area, if any.
  public var focus: Int?
  /// How many lines back from the newest the focused pane is scrolled.
  public var focusScroll = 0
  /// Set while the learner drives the scheduler.
  public var drive: DriveView?
  /// The scenario's own figures, from the last sample.
  public var figures: [ScenarioFigure] = []
  /// The workers left waiting on a condition nobody will notify.
  public var hang: [Int]?
  /// Names and words for events, built once per run.
  public private(set) var transcript: Transcript

  public init(
    configuration: RunConfiguration, cores: Int, language: Language,
    themeName: String = "default", caption: String? = nil
  ) {
    scenario = configuration.scenario
    threadCount = configuration.threads
    iterations = configuration.iterations
    speed = configuration.speed
    self.cores = cores
    self.themeName = themeName
    primitiveSpecs = configuration.scenario.primitives(configuration)
    transcript = Transcript(configuration, language: language)
    panes = transcript.names.enumerated().map { ThreadPane(index: $0.offset, name: $0.element) }
    let start = configuration.scenario.traits.usesBalance ? 0 : nil
    balance = BalanceView(
      value: start, expected: configuration.expectedBalance, minimum: start, maximum: start)
    self.caption = caption ?? language.strings.blurb(configuration.scenario)
  }

  public var language: Language { transcript.language }
  public var strings: any Strings { transcript.strings }
  /// Thread display names, index 0 first.
  public var names: [String] { transcript.names }
  /// Whether the run has ended, by itself or in a deadlock.
  public var isOver: Bool { phase == .finished || phase == .deadlocked }
}

/// The balance gauge's numbers.
public struct BalanceView: Equatable, Sendable {
  public var value: Int?
  public var expected: Int?
  public var minimum: Int?
  public var maximum: Int?
  /// Lost updates seen; nil when not counted (full speed, or not tracked).
  public var lostUpdates: Int?
  /// The changes not in the balance now, from every traced read and write
  /// (nil until a write is seen): a loss built on again by a stale read
  /// comes back, and one write can leave out several.
  public var missingCount: Int?
  /// Their changes, oldest first, while there are at most three.
  public var missingChanges: [Int] = []
  var chain = UpdateChain()
  /// Whether `minimum` and `maximum` come from frame samples (full speed),
  /// so the balance may have gone further between two frames.
  public var rangeSampled = false

  /// Folds a value the balance really had.
  mutating func saw(_ value: Int) {
    minimum = min(minimum ?? value, value)
    maximum = max(maximum ?? value, value)
  }

  public var drift: Int? {
    guard let value, let expected else { return nil }
    return value - expected
  }
}

/// How many workers ran at once, on average.
public struct Parallelism: Equatable, Sendable {
  public var value: Double
  /// From the last moments' CPU use, not the whole run's.
  public var sampled: Bool
}
