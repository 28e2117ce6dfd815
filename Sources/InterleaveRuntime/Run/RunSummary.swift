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
  /// Why the system refused a worker's child process, if it did.
  public var refusal: String?
  /// The scenario's own figures at the end.
  public var figures: [ScenarioFigure] = []
  /// The workers left waiting on a condition nobody will notify.
  public var hang: [Int]?
  /// Once every worker has ended: their CPU time all together, and the
  /// span from the first one's start to the last one's end.
  public var workersCPUNs: UInt64?
  public var workersSpanNs: UInt64?
  /// Whether the run went one step at a time (paced, or scheduled).
  public var paced = false

  /// How many workers ran at once, on average: their CPU time over the
  /// span they ran in (2.0: two always at once; 1.0: they took turns).
  public var parallelism: Double? {
    guard let workersCPUNs, let workersSpanNs, workersSpanNs > 0 else { return nil }
    return Double(workersCPUNs) / Double(workersSpanNs)
  }

  /// `final - expected`, when the scenario has a balance.
  public var drift: Int? {
    guard let finalBalance, let expectedBalance else { return nil }
    return finalBalance - expectedBalance
  }

  public var operationsPerSecond: Double {
    elapsedNs == 0 ? 0 : Double(operations) / (Double(elapsedNs) / 1e9)
  }
}

extension RunSummary {
  init(
    scenario: Scenario, threads: Int, iterations: Int, finalBalance: Int?, expectedBalance: Int?,
    lostUpdates: Int?, elapsedNs: UInt64, operations: Int, deadlock: DeadlockCycle?,
    primitives: [PrimitiveSnapshot], cancelled: Bool, droppedEvents: Int, failedThreads: Int,
    figures: [ScenarioFigure], hang: [Int]?, overlap: (cpu: UInt64, span: UInt64)?, paced: Bool
  ) {
    self.init(
      scenario: scenario, threads: threads, iterations: iterations, finalBalance: finalBalance,
      expectedBalance: expectedBalance, lostUpdates: lostUpdates, elapsedNs: elapsedNs,
      operations: operations, deadlock: deadlock, primitives: primitives, cancelled: cancelled,
      droppedEvents: droppedEvents, failedThreads: failedThreads, figures: figures, hang: hang)
    workersCPUNs = overlap?.cpu
    workersSpanNs = overlap?.span
    self.paced = paced
  }
}

extension WorkerSnapshot {
  /// The workers' CPU time together and the span they ran in, once every
  /// one of them has ended (nil before, or with none).
  public static func overlap(_ workers: [WorkerSnapshot]) -> (cpu: UInt64, span: UInt64)? {
    guard !workers.isEmpty else { return nil }
    var cpu: UInt64 = 0
    var first = UInt64.max
    var last: UInt64 = 0
    for worker in workers {
      guard let span = worker.span, let used = worker.cpuNs else { return nil }
      cpu &+= used
      first = min(first, span.lowerBound)
      last = max(last, span.upperBound)
    }
    // Two clocks with their own ticks: the CPU time never reads as more
    // workers at once than there are.
    let span = last - first
    return (min(cpu, span &* UInt64(workers.count)), span)
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
    var summary = RunSummary(
      scenario: configuration.scenario, threads: configuration.threads,
      iterations: configuration.iterations,
      finalBalance: configuration.scenario.traits.usesBalance ? balance : nil,
      expectedBalance: expectedBalance, lostUpdates: countedLostUpdates, elapsedNs: activeElapsed,
      operations: workers.reduce(0) { $0 + $1.steps },
      deadlock: deadlock, primitives: primitives(),
      cancelled: threads.contains { $0.state == .cancelled },
      droppedEvents: queue.dropped, failedThreads: failedThreads, figures: figures, hang: hang,
      overlap: WorkerSnapshot.overlap(Array(workers)),
      paced: configuration.speed != .full || shared.scheduler != nil)
    summary.refusal = refusal
    return summary
  }
}
