import InterleaveDashboard
import InterleaveRuntime

extension Transcript {
  /// The plain-text summary printed after a run, one fact a line.
  public func lines(for summary: RunSummary) -> [String] {
    let zh = language == .zh
    var lines: [String] = []
    func add(_ en: String, _ chinese: String, _ value: String) {
      let label = zh ? chinese : en
      let width = label.unicodeScalars.reduce(0) { $0 + ($1.value > 0x2E80 ? 2 : 1) }
      lines.append(label + String(repeating: " ", count: max(1, 14 - width)) + value)
    }
    add(
      "scenario", "场景",
      "\(summary.scenario.rawValue), \(summary.threads) " + (zh ? "个线程" : "threads")
        + (summary.scenario.usesIterations
          ? (zh ? " x \(summary.iterations) 次" : " x \(summary.iterations) iterations") : ""))
    if let final = summary.finalBalance, let expected = summary.expectedBalance,
      let drift = summary.drift
    {
      // With threads missing, a balance that matches proves nothing.
      let verdict =
        summary.failedThreads > 0
        ? (zh ? "并非所有线程都运行了" : "not every thread ran")
        : drift == 0
          ? (zh ? "正确" : "correct") : (zh ? "错了 \(drift)" : "wrong by \(drift)")
      add(
        "balance", "余额",
        "\(final) " + (zh ? "（应为 \(expected)，\(verdict)）" : "(expected \(expected), \(verdict))"))
    }
    if summary.scenario == .race || summary.scenario == .locked || summary.scenario == .atomic {
      add(
        "lost updates", "丢失更新",
        summary.lostUpdates.map(String.init)
          ?? (zh ? "全速运行时不逐一追踪（偏差是精确的）" : "not traced at full speed (the drift is exact)"))
    }
    add("elapsed", "耗时", Duration.text(summary.elapsedNs))
    add(
      "operations", "操作数",
      "\(summary.operations) (\(rate(summary.operationsPerSecond))/s)")
    for lock in summary.locks {
      // Sampled hold times include a clock read, so at full speed the estimate
      // can pass the run's length: a lock is never held more than all the time.
      let share =
        summary.elapsedNs == 0
        ? 0 : min(100, Double(lock.totalHoldNs) / Double(summary.elapsedNs) * 100)
      add(
        "lock \(lock.name)", "锁 \(lock.name)",
        (zh
          ? "获取 \(lock.acquisitions) 次，争用 \(lock.contended) 次（\(percent(lock.contention))），"
            + "平均等待 \(Duration.text(lock.averageWaitNs))，最长 \(Duration.text(lock.maxWaitNs))，"
            + "持有 \(Int(share.rounded()))%，超时 \(lock.timeouts) 次"
          : "\(lock.acquisitions) acquisitions, \(lock.contended) contended (\(percent(lock.contention))), "
            + "wait avg \(Duration.text(lock.averageWaitNs)) max \(Duration.text(lock.maxWaitNs)), "
            + "held \(Int(share.rounded()))% of the run, \(lock.timeouts) timeouts"))
    }
    if let cycle = summary.deadlock {
      add("deadlock", "死锁", cycle.describe(threadName: name, lockName: lock))
    }
    if summary.droppedEvents > 0 {
      add("dropped", "丢弃事件", "\(summary.droppedEvents)")
    }
    if summary.failedThreads > 0 {
      add(
        "not started", "未能启动",
        zh
          ? "系统拒绝创建 \(summary.failedThreads)/\(summary.threads + 1) 个线程"
          : "\(summary.failedThreads) of \(summary.threads + 1) threads: the system refused them")
    }
    return lines
  }

  func percent(_ share: Double) -> String { "\(Duration.rounded(share * 100, 1))%" }

  func rate(_ perSecond: Double) -> String {
    switch perSecond {
    case 1e9...: return "\(Duration.rounded(perSecond / 1e9, 2)) G"
    case 1e6...: return "\(Duration.rounded(perSecond / 1e6, 1)) M"
    case 1e3...: return "\(Duration.rounded(perSecond / 1e3, 1)) k"
    default: return "\(Int(perSecond))"
    }
  }
}
