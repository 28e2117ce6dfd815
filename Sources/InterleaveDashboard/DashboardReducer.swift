import InterleaveRuntime

extension DashboardState {
  /// Folds one event into the panes and the interleaving strip.
  public mutating func apply(_ event: Event) {
    guard panes.indices.contains(event.thread) else { return }
    let thread = event.thread
    if let text = paneText(for: event) {
      panes[thread].add(PaneLine(text, role(of: event.kind)))
    }
    switch event.kind {
    case .read: strip.append(.init(thread: thread, kind: .read))
    case .write: strip.append(.init(thread: thread, kind: .write))
    case .atomicAdd: strip.append(.init(thread: thread, kind: .atomic))
    case .waiting: strip.append(.init(thread: thread, kind: .wait))
    case .acquired: strip.append(.init(thread: thread, kind: .acquire))
    case .released: strip.append(.init(thread: thread, kind: .release))
    case .sleep: strip.append(.init(thread: thread, kind: .sleep))
    case .count: strip.append(.init(thread: thread, kind: .tick))
    case .lostUpdate(let lost):
      strip.markLost(writer: thread, victim: lost.victim)
      if panes.indices.contains(lost.victim) {
        panes[lost.victim].overwritten += 1
        let text =
          language == .zh
          ? "✗ 写的 \(lost.overwritten) 被 \(names[thread]) 覆盖"
          : "✗ its \(lost.overwritten) overwritten by \(names[thread])"
        panes[lost.victim].add(PaneLine(text, .lostUpdate))
      }
    default: break
    }
  }

  /// Folds a counter sample into the header, panes, locks and gauge.
  public mutating func apply(_ sample: Sample) {
    elapsedNs = sample.elapsedNs
    speed = sample.speed
    droppedEvents = sample.droppedEvents
    failedThreads = sample.failedThreads
    locks = sample.locks
    deadlock = sample.deadlock
    if sample.finished {
      runState = .finished
    } else if sample.deadlock != nil {
      runState = .deadlocked
    } else {
      runState = sample.paused ? .paused : .running
    }
    strip.sampled = sample.speed == .full
    for snapshot in sample.threads where panes.indices.contains(snapshot.index) {
      var pane = panes[snapshot.index]
      if strip.sampled, snapshot.index > 0, snapshot.steps > pane.sampleSteps {
        strip.append(.init(thread: snapshot.index, kind: .ran))
      }
      pane.sampleSteps = snapshot.steps
      pane.tid = snapshot.tid
      pane.cpu = snapshot.cpu
      pane.state = snapshot.state
      pane.waitingFor = snapshot.waitingFor
      pane.steps = snapshot.steps
      pane.lostUpdates = snapshot.lostUpdates
      pane.iterations = snapshot.iterations
      pane.cpuPercent = sample.cpuByTid[snapshot.tid]
      let span = sample.elapsedNs &- pane.sampleTime
      if span >= 250_000_000 || sample.finished {
        if span > 0 {
          pane.rate =
            Double(snapshot.iterations - pane.sampleIterations) / (Double(span) / 1e9)
          pane.rateHistory.append(pane.rate)
          if pane.rateHistory.count > ThreadPane.historyLength { pane.rateHistory.removeFirst() }
        }
        pane.sampleIterations = snapshot.iterations
        pane.sampleTime = sample.elapsedNs
      }
      panes[snapshot.index] = pane
    }
    balance.expected = sample.expectedBalance
    if let value = sample.balance {
      balance.value = value
      balance.minimum = min(balance.minimum ?? value, value)
      balance.maximum = max(balance.maximum ?? value, value)
    }
    balance.lostUpdates =
      sample.lostTraced ? sample.threads.reduce(0) { $0 + $1.lostUpdates } : nil
  }

  /// The transcript line without the thread's own name, which the pane shows already.
  func paneText(for event: Event) -> String? {
    let zh = language == .zh
    switch event.kind {
    case .started: return zh ? "开始运行" : "started"
    case .finished: return zh ? "结束了" : "finished"
    case .cancelled: return zh ? "被取消" : "cancelled"
    case .count(let n): return ">>> \(n)"
    default:
      let transcript = self.transcript
      guard let line = transcript.line(for: event) else { return nil }
      let prefix = transcript.names[event.thread] + " "
      return line.hasPrefix(prefix) ? String(line.dropFirst(prefix.count)) : line
    }
  }

  func role(of kind: EventKind) -> Role {
    switch kind {
    case .read: return .read
    case .write, .atomicAdd, .balance: return .write
    case .acquired, .lockState: return .acquire
    case .released: return .release
    case .waiting, .timedOut: return .waiting
    case .sleep: return .sleeping
    case .lostUpdate, .deadlock: return .lostUpdate
    case .finished, .joined: return .finished
    case .cancelled: return .cancelled
    case .started, .joining, .count: return .text
    }
  }
}
