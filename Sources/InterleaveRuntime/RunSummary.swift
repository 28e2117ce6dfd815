/// The end of a run in numbers: what the plain output and the JSON summary show.
public struct RunSummary: Sendable, Equatable {
  public var scenario: Scenario
  public var threads: Int
  public var iterations: Int
  public var finalBalance: Int?
  public var expectedBalance: Int?
  /// Lost updates seen; nil when some steps ran at full speed and were not traced.
  public var lostUpdates: Int?
  public var elapsedNs: UInt64
  /// Step points passed, all threads together.
  public var operations: Int
  public var deadlock: DeadlockCycle?
  public var locks: [LockSnapshot]
  public var cancelled: Bool
  public var droppedEvents: Int
  /// Threads (MainThread included) the system refused to create.
  public var failedThreads: Int = 0

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
  /// The run's numbers now (final once `isFinished`).
  public func summary() -> RunSummary {
    let threads = threads()
    let workers = threads.dropFirst()
    let scenario = configuration.scenario
    let tracksLost = scenario == .race || scenario == .locked || scenario == .atomic
    return RunSummary(
      scenario: scenario, threads: configuration.threads, iterations: configuration.iterations,
      finalBalance: scenario.usesBalance ? balance : nil,
      expectedBalance: expectedBalance,
      lostUpdates: tracksLost && tracedEveryStep
        ? workers.reduce(0) { $0 + $1.lostUpdates } : nil,
      elapsedNs: elapsed,
      operations: workers.reduce(0) { $0 + $1.steps },
      deadlock: deadlock, locks: locks(),
      cancelled: threads.contains { $0.state == .cancelled },
      droppedEvents: queue.dropped, failedThreads: failedThreads)
  }
}
