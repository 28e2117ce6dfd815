/// Changes to a run's scenario options, each nil when unchanged (what a
/// lesson step sets).
public struct ScenarioOptionChanges: Sendable, Equatable {
  public var variant: ScenarioOptions.ConditionVariant?
  public var permits: Int?
  public var bounded: Bool?
  public var gilSwitch: ScenarioOptions.GILSwitch?
  public var fence: Bool?

  public init() {}

  /// Whether nothing changes.
  public var isEmpty: Bool { self == ScenarioOptionChanges() }

  /// `options` with these changes.
  public func applied(to options: ScenarioOptions) -> ScenarioOptions {
    var options = options
    if let variant { options.variant = variant }
    if let permits { options.permits = permits }
    if let bounded { options.bounded = bounded }
    if let gilSwitch { options.gilSwitch = gilSwitch }
    if let fence { options.fence = fence }
    return options
  }

  /// The first change made for a scenario other than `scenario`: its lesson
  /// key and the scenario it is for.
  public func misplaced(in scenario: Scenario) -> (key: String, owner: Scenario)? {
    let given: [(String, Scenario)?] = [
      variant.map { _ in ("variant", .condition) }, permits.map { _ in ("permits", .semaphore) },
      bounded.map { _ in ("bounded", .semaphore) }, gilSwitch.map { _ in ("gil-switch", .gil) },
      fence.map { _ in ("fence", .reorder) },
    ]
    return given.compactMap { $0 }.first { $0.1 != scenario }.map { (key: $0.0, owner: $0.1) }
  }
}
