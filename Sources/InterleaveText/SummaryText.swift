import InterleaveRuntime

extension Transcript {
  /// The plain-text summary printed after a run, one fact a line, the
  /// labels padded to one column (by display width).
  public func lines(for summary: RunSummary) -> [String] {
    var lines: [String] = []
    func add(_ field: SummaryField, _ value: String) {
      let label = strings.summaryLabel(field)
      lines.append(label + String(repeating: " ", count: max(1, 14 - TextWidth.of(label))) + value)
    }
    add(
      .scenario,
      strings.scenarioLine(
        summary.scenario.id, threads: summary.threads,
        iterations: summary.scenario.traits.usesIterations ? summary.iterations : nil))
    if let final = summary.finalBalance, let expected = summary.expectedBalance,
      let drift = summary.drift
    {
      // With threads missing, a balance that matches proves nothing.
      let verdict = strings.summaryVerdict(
        drift: drift, lost: summary.lostUpdates ?? 0, notEveryThread: summary.failedThreads > 0)
      add(.balance, strings.balanceLine(final: final, expected: expected, verdict: verdict))
    }
    if summary.scenario.traits.tracksLostUpdates {
      add(.lostUpdates, summary.lostUpdates.map(String.init) ?? strings.lostNotTracedLong)
    }
    add(.elapsed, Duration.text(summary.elapsedNs))
    if summary.threads >= 2 {
      if summary.paced {
        add(.overlap, strings.pacedOverlap)
      } else if let parallelism = summary.parallelism, let cpu = summary.workersCPUNs,
        let span = summary.workersSpanNs
      {
        add(.overlap, strings.overlap(parallelism, workers: summary.threads, cpu: cpu, span: span))
      }
    }
    add(
      .operations, strings.operations(summary.operations, rate: rate(summary.operationsPerSecond)))
    for lock in summary.primitives where summary.scenario.traits.showsPrimitives {
      switch lock.kind {
      case .mutex:
        add(
          .lock(lock.name),
          strings.lockLine(
            lock, held: heldShare(lock, of: summary.elapsedNs),
            contention: Format.percent(lock.contention)))
      case .semaphore:
        add(
          .semaphore(lock.name),
          strings.semaphoreLine(lock, contention: Format.percent(lock.contention)))
      case .condition:
        add(
          .condition(lock.name),
          strings.conditionCounts(
            waits: Format.grouped(lock.acquisitions), notifies: Format.grouped(lock.notifies)))
      }
    }
    for figure in summary.figures {
      for (label, value) in strings.summary(figure, names: name) { add(.figure(label), value) }
    }
    if let cycle = summary.deadlock { add(.deadlock, describe(cycle)) }
    if let waiting = summary.hang { add(.hang, strings.hang(waiting: waiting.count)) }
    if summary.droppedEvents > 0 { add(.dropped, "\(summary.droppedEvents)") }
    if summary.failedThreads > 0 {
      add(.notStarted, strings.refusedLine(summary.failedThreads, of: summary.threads + 1))
    }
    return lines
  }

  /// A lock's hold time as a share of `span`; nil when holds went untimed
  /// (at full speed only a sample is timed, each hold a few nanoseconds
  /// against a clock read of tens: no share worth showing).
  public func heldShare(_ lock: PrimitiveSnapshot, of span: UInt64) -> String? {
    guard !lock.holdSampled else { return nil }
    // Holds are timed on the run's clock, which stops while paused, as the
    // span does; the clamp only absorbs the last sample's rounding.
    return Format.percent(span == 0 ? 0 : min(1, Double(lock.totalHoldNs) / Double(span)))
  }

  /// `1.23 G`, `45.6 M`, `7.8 k` or a whole number.
  func rate(_ perSecond: Double) -> String {
    switch perSecond {
    case 1e9...: return "\(Duration.rounded(perSecond / 1e9, 2)) G"
    case 1e6...: return "\(Duration.rounded(perSecond / 1e6, 1)) M"
    case 1e3...: return "\(Duration.rounded(perSecond / 1e3, 1)) k"
    default: return "\(Int(perSecond))"
    }
  }
}
