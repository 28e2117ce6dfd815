extension Run {
  /// Runs `configuration` on real threads, one step at a time in `order`
  /// (1-based threads), and says how it ended: nil when the real threads
  /// could not follow the order (a thread asked for was not runnable).
  public static func replay(_ configuration: RunConfiguration, _ order: [Int]) -> Outcome? {
    let (outcome, run) = ended(configuration, chooser: ReplayChooser(order: order))
    guard run.scheduler?.failure == nil, run.scheduler?.order == order else { return nil }
    return outcome
  }

  /// Runs `configuration` on real threads one step at a time, each next
  /// thread drawn by a generator seeded with `seed`, and says how it ended.
  public static func seeded(_ configuration: RunConfiguration, seed: UInt64) -> Outcome {
    ended(configuration, chooser: SeededChooser(seed: seed)).outcome
  }

  /// Runs `configuration` on real threads at full speed, nobody choosing
  /// who goes next, and says how it ended (a deadlock is found and ended).
  public static func observed(_ configuration: RunConfiguration) -> Outcome {
    ended(configuration, chooser: nil).outcome
  }

  private static func ended(_ configuration: RunConfiguration, chooser: ScheduleChooser?)
    -> (outcome: Outcome, run: Run)
  {
    var configuration = configuration
    configuration.speed = .full
    let run = Run(configuration, queueCapacity: 2, chooser: chooser)
    run.waitFor { run.isFinished || run.isStuck || run.scheduler?.failure != nil }
    let stuck = run.isStuck
    if stuck || run.scheduler?.failure != nil { run.cancel() } else { run.wait() }
    return (run.outcome(stuck: stuck), run)
  }

  /// Whether no thread can go on: the scheduler found none to choose, or
  /// the threads wait for each other's locks.
  var isStuck: Bool { scheduler?.deadlocked == true || deadlock != nil || hang != nil }

  /// How the run ended, in the terms of its scenario's model: a Python
  /// error first (it is why the rest may be stuck), then a deadlock or a
  /// hang, then what the scenario counts.
  func outcome(stuck: Bool) -> Outcome {
    let custom = shared.state?.outcome()
    if let custom, case .error = custom.kind { return custom }
    if stuck { return Outcome(hang != nil ? .hang : .deadlock) }
    if let custom { return custom }
    return configuration.scenario.traits.usesBalance ? .balance(balance) : Outcome(.finished)
  }
}
