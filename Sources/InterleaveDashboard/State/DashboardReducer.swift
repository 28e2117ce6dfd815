import InterleaveRuntime
import InterleaveText

extension DashboardState {
  /// Folds one event into the panes, the strip and the lost-update story.
  public mutating func apply(_ event: Event) {
    guard panes.indices.contains(event.thread) else { return }
    let thread = event.thread
    if let text = transcript.paneLine(for: event) {
      if case .lockState = event.kind {
        panes[thread].note = PaneLine(text, Role.of(event.kind))
      } else {
        panes[thread].add(PaneLine(text, Role.of(event.kind)))
      }
    }
    if let kind = InterleavingStrip.Kind(event.kind) {
      strip.append(.init(thread: thread, kind: kind))
    }
    if case .raised(let error) = event.kind { panes[thread].raised = error }
    if case .lostUpdate(let lost) = event.kind {
      strip.markLost(writer: thread, victim: lost.victim)
      story = LostStory(writer: thread, lost)
      if panes.indices.contains(lost.victim) {
        panes[lost.victim].overwritten += 1
        panes[lost.victim].add(
          PaneLine(strings.overwritten(lost.overwritten, by: names[thread]), .lostUpdate))
      }
    }
  }

  /// Folds a counter sample into the header, panes, primitives and gauge.
  public mutating func apply(_ sample: Sample) {
    elapsedNs = sample.elapsedNs
    speed = sample.speed
    droppedEvents = sample.droppedEvents
    failedThreads = sample.failedThreads
    primitives = sample.primitives
    deadlock = sample.deadlock
    figures = sample.figures
    hang = sample.hang
    if sample.finished {
      phase = .finished
    } else if sample.hang != nil {
      phase = .hung
    } else if sample.deadlock != nil {
      phase = .deadlocked
    } else {
      phase = sample.paused ? .paused : .running
    }
    strip.sampled = sample.speed == .full && !sample.scheduled
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
      pane.measure(iterations: snapshot.iterations, at: sample.elapsedNs, final: sample.finished)
      panes[snapshot.index] = pane
    }
    if let value = sample.balance {
      balance.value = value
      balance.minimum = min(balance.minimum ?? value, value)
      balance.maximum = max(balance.maximum ?? value, value)
    }
    balance.lostUpdates = sample.lostUpdates
  }
}

extension Role {
  /// The colour of an event's line in a pane.
  static func of(_ kind: EventKind) -> Role {
    switch kind {
    case .read, .load, .take: return .read
    case .write, .atomicAdd, .balance, .store, .put: return .write
    case .acquired, .lockState, .notified, .inUse: return .acquire
    case .released, .notify, .gilSwitch: return .release
    case .waiting, .timedOut, .conditionWait: return .waiting
    case .sleep: return .sleeping
    case .lostUpdate, .deadlock, .raised, .hang: return .lostUpdate
    case .finished, .joined: return .finished
    case .cancelled: return .cancelled
    case .started, .joining, .count, .bytecode, .spawned: return .text
    }
  }
}
