import ArgumentParser
import InterleaveRuntime

extension ScenarioOptions.ConditionVariant: ExpressibleByArgument {
  public static var allValueStrings: [String] { valueStrings(allCases) }
}

extension ScenarioOptions.GILSwitch: ExpressibleByArgument {
  public static var allValueStrings: [String] { valueStrings(allCases) }
}

/// The flags of the scenarios that have their own knobs, each refused for
/// a scenario it does nothing for.
struct ScenarioFlags: ParsableArguments {
  @Option(
    help:
      "condition: while (correct), if (the bug: pop from an empty buffer) or notify (notify() where notify_all() was needed)."
  )
  var variant: ScenarioOptions.ConditionVariant?

  @Option(parsing: .unconditional, help: "semaphore: the Semaphore's permits, 1...64 (default 2).")
  var permits: Int?

  @Flag(help: "semaphore: a BoundedSemaphore, and code that releases it once too often.")
  var bounded = false

  @Option(
    name: .customLong("gil-switch"),
    help:
      "gil: where the GIL may change hands: backedge (default, as CPython 3.11) or any bytecode.")
  var gilSwitch: ScenarioOptions.GILSwitch?

  @Option(
    parsing: .unconditional,
    help: "gil: sys.setswitchinterval() in milliseconds, 0.001...1000 (default 5).")
  var switchInterval: Double?

  @Option(parsing: .unconditional, help: "reorder: trials, 1...1000000000 (default 1,000,000).")
  var trials: Int?

  @Flag(help: "reorder: sequentially consistent stores and loads (a fence between them).")
  var fence = false

  /// The options asked for, on the defaults.
  var options: ScenarioOptions {
    var options = ScenarioOptions()
    if let variant { options.variant = variant }
    if let permits { options.permits = permits }
    options.bounded = bounded
    if let gilSwitch { options.gilSwitch = gilSwitch }
    if let switchInterval { options.switchInterval = UInt64((switchInterval * 1e6).rounded()) }
    options.fence = fence
    return options
  }

  func validate() throws {
    if let permits, !ScenarioOptions.permitRange.contains(permits) {
      throw ValidationError("--permits must be between 1 and 64 (got \(permits))")
    }
    if let switchInterval, !(0.001...1000).contains(switchInterval) {
      throw ValidationError(
        "--switch-interval must be between 0.001 and 1000 ms (got \(switchInterval))")
    }
    if let trials, !RunConfiguration.iterationRange.contains(trials) {
      throw ValidationError("--trials must be between 1 and 1000000000 (got \(trials))")
    }
  }

  /// The flags that give `configuration`'s options, for a command to paste
  /// (` --variant if`); empty on the defaults.
  static func arguments(for configuration: RunConfiguration) -> String {
    let options = configuration.options
    let defaults = ScenarioOptions()
    var text = ""
    switch configuration.scenario.id {
    case "condition":
      if options.variant != defaults.variant { text += " --variant \(options.variant.rawValue)" }
    case "semaphore":
      if options.permits != defaults.permits { text += " --permits \(options.permits)" }
      if options.bounded { text += " --bounded" }
    case "gil":
      if options.gilSwitch != defaults.gilSwitch {
        text += " --gil-switch \(options.gilSwitch.rawValue)"
      }
      if options.switchInterval != defaults.switchInterval {
        text += " --switch-interval \(Double(options.switchInterval) / 1e6)"
      }
    case "reorder":
      if options.fence { text += " --fence" }
    default: break
    }
    return text
  }

  /// Refuses a flag given to a scenario it does nothing for.
  func check(for scenario: Scenario) throws {
    let given: [(String, String)] = [
      variant.map { _ in ("--variant", "condition") },
      permits.map { _ in ("--permits", "semaphore") }, bounded ? ("--bounded", "semaphore") : nil,
      gilSwitch.map { _ in ("--gil-switch", "gil") },
      switchInterval.map { _ in ("--switch-interval", "gil") },
      trials.map { _ in ("--trials", "reorder") }, fence ? ("--fence", "reorder") : nil,
    ].compactMap { $0 }
    for (flag, owner) in given where owner != scenario.id {
      throw ValidationError("\(flag) is for the \(owner) scenario, not \(scenario.id)")
    }
  }
}
