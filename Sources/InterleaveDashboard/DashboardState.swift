import InterleaveRuntime

/// Everything the dashboard shows, as plain values: a pure reduction of
/// events and counter samples, testable with no terminal and no threads.
public struct DashboardState: Equatable, Sendable {
  /// Where the run is, as the header says it.
  public enum RunState: String, Sendable {
    case running
    case paused
    case finished
    case deadlocked
  }

  public var scenario: Scenario
  public var threadCount: Int
  public var iterations: Int
  public var speed: Speed
  public var cores: Int
  public var language: Language
  public var runState: RunState = .running
  public var elapsedNs: UInt64 = 0
  public var lockNames: [String]
  /// Index 0 is the main thread, then the workers.
  public var panes: [ThreadPane]
  public var strip = InterleavingStrip()
  public var locks: [LockSnapshot] = []
  public var deadlock: DeadlockCycle?
  public var balance: BalanceView
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

  public init(
    configuration: RunConfiguration, names: [String], lockNames: [String], cores: Int,
    language: Language, themeName: String = "default", caption: String? = nil
  ) {
    scenario = configuration.scenario
    threadCount = configuration.threads
    iterations = configuration.iterations
    speed = configuration.speed
    self.cores = cores
    self.language = language
    self.lockNames = lockNames
    self.themeName = themeName
    panes = names.enumerated().map { ThreadPane(index: $0.offset, name: $0.element) }
    balance = BalanceView(
      value: configuration.scenario.usesBalance ? 0 : nil,
      expected: nil)
    self.caption = caption ?? ScenarioText.blurb(configuration.scenario, language)
  }

  /// Thread display names, index 0 first.
  public var names: [String] { panes.map(\.name) }

  var transcript: Transcript {
    Transcript(language: language, names: names, lockNames: lockNames)
  }
}

/// One thread's pane.
public struct ThreadPane: Equatable, Sendable {
  public static let historyLength = 48
  public static let recentLength = 12

  public var index: Int
  public var name: String
  public var tid: Int32 = 0
  public var cpu: Int = -1
  public var state: ThreadState = .created
  public var waitingFor: Int = -1
  public var iterations = 0
  public var steps = 0
  public var lostUpdates = 0
  /// Lost updates this thread suffered (its write was overwritten).
  public var overwritten = 0
  /// Iterations per second, recently.
  public var rate: Double = 0
  public var rateHistory: [Double] = []
  /// Share of one core this thread used recently (from /proc), if known.
  public var cpuPercent: Double?
  /// The tail of its recent events, oldest first.
  public var recent: [PaneLine] = []
  var sampleSteps = 0
  var sampleIterations = 0
  var sampleTime: UInt64 = 0

  public init(index: Int, name: String) {
    self.index = index
    self.name = name
  }

  mutating func add(_ line: PaneLine) {
    recent.append(line)
    if recent.count > ThreadPane.recentLength {
      recent.removeFirst(recent.count - ThreadPane.recentLength)
    }
  }
}

/// One line in a pane's event tail.
public struct PaneLine: Equatable, Sendable {
  public var text: String
  public var role: Role

  public init(_ text: String, _ role: Role = .text) {
    self.text = text
    self.role = role
  }
}

/// The balance gauge's numbers.
public struct BalanceView: Equatable, Sendable {
  public var value: Int?
  public var expected: Int?
  public var minimum: Int?
  public var maximum: Int?
  /// Lost updates seen; nil when not traced (full speed).
  public var lostUpdates: Int?

  public var drift: Int? {
    guard let value, let expected else { return nil }
    return value - expected
  }
}
