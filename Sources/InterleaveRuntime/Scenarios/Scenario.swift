/// A scenario: what its workers do and everything the rest of the program
/// needs to know about it, from one descriptor (see `ScenarioDescriptor`).
///
/// Two scenarios are equal when their ids are.
public struct Scenario: Hashable, Sendable, CustomStringConvertible {
  let descriptor: any ScenarioDescriptor

  init(_ descriptor: any ScenarioDescriptor) { self.descriptor = descriptor }

  /// The name on the command line, in JSON and in lesson files (`race`).
  public var id: String { descriptor.id }
  public var description: String { id }
  public var traits: ScenarioTraits { descriptor.traits }
  public var words: ScenarioWords { descriptor.words }

  /// Every scenario, in the order of their keys (1, 2, ...) in the dashboard.
  public static var all: [Scenario] { ScenarioCatalog.all }

  /// The scenario called `id` (case-insensitive), if there is one.
  public init?(id: String) {
    guard let found = ScenarioCatalog.all.first(where: { $0.id == id.lowercased() }) else {
      return nil
    }
    self = found
  }

  /// The dashboard key, 1-based, in catalogue order.
  public var key: Int { ScenarioCatalog.keys[id]! }

  /// The key that switches to it: `1`...`9`, then `0`; none past the tenth
  /// (Tab and the `/` list reach every one).
  public var keyLabel: String? {
    switch key {
    case 1...9: return String(key)
    case 10: return "0"
    default: return nil
    }
  }

  /// The scenario a key switches to (`1`...`9`, `0`).
  public static func forKey(_ character: Character) -> Scenario? {
    guard let digit = character.wholeNumberValue, character.isASCII else { return nil }
    let index = digit == 0 ? 9 : digit - 1
    return all.indices.contains(index) ? all[index] : nil
  }

  /// The primitives (locks, ...) a run of this scenario creates, in id order.
  public func primitives(_ configuration: RunConfiguration) -> [PrimitiveSpec] {
    descriptor.primitives(configuration)
  }

  /// The balance every correct run ends with; nil when there is no balance.
  public func expectedBalance(_ configuration: RunConfiguration) -> Int? {
    traits.usesBalance ? descriptor.expectedBalance(configuration) : nil
  }

  /// The scenario's abstract machine for `configuration` (its steps are the
  /// runtime's step points), for the explorer and the driver.
  public func model(_ configuration: RunConfiguration) -> Machine {
    descriptor.model(configuration)
  }

  /// Whether a run of `configuration` that ends so is what correct code gives.
  public func isCorrect(_ outcome: Outcome, _ configuration: RunConfiguration) -> Bool {
    descriptor.isCorrect(outcome, configuration)
  }

  public static func == (lhs: Scenario, rhs: Scenario) -> Bool { lhs.id == rhs.id }
  public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}

/// What a scenario is, in one place. Each scenario is one file in this
/// folder with a type that conforms, and one entry in `ScenarioCatalog`.
protocol ScenarioDescriptor: Sendable {
  /// The command-line name (`race`).
  var id: String { get }
  var traits: ScenarioTraits { get }
  /// Its blurb (and figures box title) in every language.
  var words: ScenarioWords { get }
  /// The primitives a run creates, in id order (empty: none).
  func primitives(_ configuration: RunConfiguration) -> [PrimitiveSpec]
  /// Step points in one iteration of the full-speed path (0: it has none).
  var stepsPerFullSpeedIteration: Int { get }
  /// The balance a correct run ends with (asked only when `usesBalance`).
  func expectedBalance(_ configuration: RunConfiguration) -> Int
  /// What worker `context.index` does, every shared access a step point.
  func run(_ context: WorkerContext) throws(Cancelled)
  /// The same as a machine: one instruction per step point, in the same order.
  func model(_ configuration: RunConfiguration) -> Machine
  /// What a run keeps beyond the balance (nil: nothing).
  func makeState(_ configuration: RunConfiguration) -> (any ScenarioState)?
  /// Whether a run that ends so is what correct code gives.
  func isCorrect(_ outcome: Outcome, _ configuration: RunConfiguration) -> Bool
}

extension ScenarioDescriptor {
  func isCorrect(_ outcome: Outcome, _ configuration: RunConfiguration) -> Bool {
    guard traits.usesBalance else { return outcome.kind == .finished }
    return outcome == .balance(expectedBalance(configuration))
  }

  func makeState(_ configuration: RunConfiguration) -> (any ScenarioState)? { nil }
  var stepsPerFullSpeedIteration: Int { 0 }
  func primitives(_ configuration: RunConfiguration) -> [PrimitiveSpec] { [] }
  func expectedBalance(_ configuration: RunConfiguration) -> Int { 0 }
}

/// Facts about a scenario that the dashboard, plain output and lessons use.
public struct ScenarioTraits: Sendable, Equatable {
  /// How the workers are named.
  public enum Naming: Sendable, Equatable {
    /// `Thread-1`, `Thread-2`, ... as Python's `threading` names them.
    case python
    /// The seed's `LoopThread` (with `-k` when there is more than one).
    case loop
    /// `Process-1`, `Process-2`, ... as `multiprocessing` names them.
    case process
  }

  /// How the main thread waits for the workers.
  public enum MainWait: Sendable, Equatable {
    /// `threading`: `join()` each worker.
    case join
    /// `_thread` has no `join()`: the main thread sleeps until they are done.
    case sleep
  }

  /// The workers share the seed's `balance`.
  public var usesBalance: Bool
  /// `--iterations` changes what the workers do.
  public var usesIterations: Bool
  /// Every lost update is counted when each step is traced.
  public var tracksLostUpdates: Bool
  /// Its code can lose updates (no lock around the update): a right
  /// balance from an untraced run does not show that none was lost.
  public var losesUpdates: Bool
  public var naming: Naming
  public var mainWaits: MainWait
  /// The scenario always runs this many workers (reorder's two).
  public var fixedThreads: Int?
  /// The fewest workers that show what the scenario is about (the dashboard
  /// starts it with at least these).
  public var minimumThreads: Int
  /// Each worker drives a child process (its pane shows the child's pid).
  public var workersAreProcesses: Bool
  /// Its primitives are worth a panel (reorder's are only its plumbing).
  public var showsPrimitives: Bool
  /// The speed the dashboard switches to for it (reorder: full, where the
  /// CPU can reorder), else the one the user chose.
  public var preferredSpeed: Speed?
  /// A run picks its way (stepped or whole) at the start: a change between
  /// full speed and stepping starts it again.
  public var pacingFixedAtStart: Bool
  /// Each iteration is a trial (reorder's), and panes count them so.
  public var countsTrials: Bool
  /// At full speed its workers count iterations a batch (of up to 1,024)
  /// at a time: a running count is near, not exact.
  public var countsInBatches: Bool

  public init(
    usesBalance: Bool, usesIterations: Bool, tracksLostUpdates: Bool, losesUpdates: Bool = false,
    naming: Naming = .python,
    mainWaits: MainWait = .join, fixedThreads: Int? = nil, minimumThreads: Int = 1,
    workersAreProcesses: Bool = false, showsPrimitives: Bool = true,
    preferredSpeed: Speed? = nil, pacingFixedAtStart: Bool = false, countsTrials: Bool = false,
    countsInBatches: Bool = false
  ) {
    self.countsInBatches = countsInBatches
    self.countsTrials = countsTrials
    self.losesUpdates = losesUpdates
    self.preferredSpeed = preferredSpeed
    self.pacingFixedAtStart = pacingFixedAtStart
    self.showsPrimitives = showsPrimitives
    self.fixedThreads = fixedThreads
    self.minimumThreads = minimumThreads
    self.workersAreProcesses = workersAreProcesses
    self.usesBalance = usesBalance
    self.usesIterations = usesIterations
    self.tracksLostUpdates = tracksLostUpdates
    self.naming = naming
    self.mainWaits = mainWaits
  }
}
