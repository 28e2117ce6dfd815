/// The end of a run in numbers: what the plain output and the JSON summary show.
public struct RunSummary: Sendable, Equatable {
  public var scenario: Scenario
  public var threads: Int
  public var iterations: Int
  public var finalBalance: Int?
  public var expectedBalance: Int?
  /// Lost updates seen; nil when not counted (the scenario does not track
  /// them, or some steps ran at full speed untraced).
  public var lostUpdates: Int?
  public var elapsedNs: UInt64
  /// Step points passed, all threads together.
  public var operations: Int
  public var deadlock: DeadlockCycle?
  public var primitives: [PrimitiveSnapshot]
  public var cancelled: Bool
  public var droppedEvents: Int
  /// Threads (MainThread included) the system refused to create.
  public var failedThreads: Int = 0
  /// The scenario's own figures at the end.
  public var figures: [ScenarioFigure] = []
  /// The workers left waiting on a condition nobody will notify.
  public var hang: [Int]?

  /// `final - expected`, when the scenario has a balance.
  public var drift: Int? {
    guard let finalBalance, let expectedBalance else { return nil }
    return finalBalance - expectedBalance
  }

  public var operationsPerSecond: Double {
    elapsedNs == 0 ? 0 : Double(operations) / (Double(elapsedNs) / 1e9)
  }
}

extension Run {
  /// Lost updates so far, when they are being counted (see `RunSummary`).
  public var countedLostUpdates: Int? {
    guard configuration.scenario.traits.tracksLostUpdates, tracedEveryStep else { return nil }
    return shared.counters.dropFirst().reduce(0) { $0 + $1.lostUpdates.load(ordering: .relaxed) }
  }

  /// The run's numbers now (final once `isFinished`).
  public func summary() -> RunSummary {
    let threads = threads()
    let workers = threads.dropFirst()
    return RunSummary(
      scenario: configuration.scenario, threads: configuration.threads,
      iterations: configuration.iterations,
      finalBalance: configuration.scenario.traits.usesBalance ? balance : nil,
      expectedBalance: expectedBalance, lostUpdates: countedLostUpdates, elapsedNs: activeElapsed,
      operations: workers.reduce(0) { $0 + $1.steps },
      deadlock: deadlock, primitives: primitives(),
      cancelled: threads.contains { $0.state == .cancelled },
      droppedEvents: queue.dropped, failedThreads: failedThreads, figures: figures, hang: hang)
  }
}
