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

  public init(
    scenario: Scenario, threads: Int, iterations: Int = RunConfiguration.defaultIterations,
    speed: Speed = .full
  ) {
    self.scenario = scenario
    self.threads = threads
    self.iterations = iterations
    self.speed = speed
  }

  /// Online CPU cores of this machine.
  public static var onlineCores: Int { Int(il_online_cores()) }
}
