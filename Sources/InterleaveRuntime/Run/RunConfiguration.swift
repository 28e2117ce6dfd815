import CSystem

/// Everything that decides what a run does.
public struct RunConfiguration: Sendable, Equatable {
  public static let threadRange = 1...256
  public static let iterationRange = 1...1_000_000_000
  public static let defaultIterations = 1_000_000

  public var scenario: Scenario
  public var threads: Int
  public var iterations: Int
  public var speed: Speed
  /// Place each worker on its own CPU (round robin over the CPUs the process
  /// may use), so that "parallel" threads really run at the same time.
  public var pinned: Bool
  /// The scenario's own knobs (`--permits`, `--variant`, ...).
  public var options: ScenarioOptions

  public init(
    scenario: Scenario, threads: Int, iterations: Int = RunConfiguration.defaultIterations,
    speed: Speed = .full, pinned: Bool = true, options: ScenarioOptions = ScenarioOptions()
  ) {
    self.scenario = scenario
    // A scenario with a fixed number of threads (reorder's two) has it.
    self.threads = scenario.traits.fixedThreads ?? threads
    self.options = options
    self.iterations = iterations
    self.speed = speed
    self.pinned = pinned
  }

  /// Online CPU cores of this machine.
  public static var onlineCores: Int { Int(il_online_cores()) }

  /// The CPUs this process may run on (`taskset`, cgroups).
  public static var usableCores: Int { Int(il_usable_cpus()) }

  /// The default thread count: one worker per usable core (at least 2, so a
  /// race can happen), at most the thread limit.
  public static var defaultThreads: Int {
    min(max(2, usableCores), threadRange.upperBound)
  }

  /// The same run of another scenario, with as many workers as it takes.
  public func switching(to scenario: Scenario) -> RunConfiguration {
    var next = self
    next.scenario = scenario
    next.threads = scenario.traits.fixedThreads ?? max(scenario.traits.minimumThreads, threads)
    return next
  }

  /// The default number of workers of `scenario`: the usual default, as
  /// many as it takes.
  public static func defaultThreads(for scenario: Scenario) -> Int {
    scenario.traits.fixedThreads ?? max(scenario.traits.minimumThreads, defaultThreads)
  }

  /// The balance every correct run ends with; nil when the scenario has none.
  public var expectedBalance: Int? { scenario.expectedBalance(self) }
}
