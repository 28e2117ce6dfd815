import InterleaveRuntime
import InterleaveText

extension DashboardState {
  /// Folds one event into the panes, the strip and the lost-update story.
  public mutating func apply(_ event: Event) {
    guard panes.indices.contains(event.thread) else { return }
    let thread = event.thread
    // A step's event (a strip glyph, or a loss) was traced before any
    // let-go, however late it arrives: above the pane's "no longer listed".
    var traced = InterleavingStrip.Kind(event.kind) != nil
    switch event.kind {
    case .raised: traced = false
    case .lostUpdate: traced = true
    default: break
    }
    let marker = traced && speed == .full && pacedEarlier ? strings.notListedFromHere : nil
    if case .finished = event.kind, let error = panes[thread].raised {
      // A thread that raised ended by its error, as Python's thread does:
      // not "finished" as if its work were done.
      panes[thread].add(PaneLine(strings.endedBy(error), .lostUpdate))
    } else if let text = transcript.paneLine(for: event) {
      // The seed's `(Locked: True) ...` print goes in order with the rest,
      // and is kept as the pane's note for when it scrolls away.
      if case .lockState = event.kind { panes[thread].note = PaneLine(text, Role.of(event.kind)) }
      panes[thread].add(PaneLine(text, Role.of(event.kind)), above: marker)
    }
    if var kind = InterleavingStrip.Kind(event.kind) {
      // The gil scenario's one lock is the GIL: its waits have their glyph.
      if kind == .wait, scenario == .gil { kind = .gilWait }
      // Parked until notified is still inside cond.wait(), not acquire().
      if case .waiting(let id) = event.kind, transcript.primitive(id).kind == .condition {
        kind = .conditionWait
      }
      strip.append(.init(thread: thread, kind: kind))
    }
    if scenario.traits.tracksLostUpdates {
      switch event.kind {
      case .read(let value): balance.chain.read(by: thread, value: value)
      case .write(let value):
        balance.chain.write(by: thread, value: value)
        balance.missingCount = balance.chain.missing
        balance.missingChanges = balance.chain.missing <= 3 ? balance.chain.missingChanges : []
      default: break
      }
    }
    switch event.kind {
    case .raised(let error): panes[thread].raised = error
    // Every traced write: the range is exact while every step is traced.
    case .write(let value), .balance(let value), .atomicAdd(_, let value): balance.saw(value)
    default: break
    }
    if case .lostUpdate(let lost) = event.kind {
      strip.markLost(writer: thread, victim: lost.victim)
      story = LostStory(writer: thread, lost)
      if panes.indices.contains(lost.victim) {
        panes[lost.victim].overwritten += 1
        panes[lost.victim].add(
          PaneLine(strings.overwritten(lost.overwritten, by: names[thread]), .lostUpdate),
          above: marker)
      }
    }
  }

  /// The run's speed is now `new` (a key, a lesson, or a sample that says
  /// so). Let go at full speed part-way, the panes' steps stop being
  /// listed, and each says so under its last one (which is not the last
  /// it took); once paced, whole-run figures would mix the pace in.
  public mutating func changeSpeed(to new: Speed, scheduled: Bool = false) {
    // A run that is over went at its speed: a change is for the next run,
    // and what this one shows (its pace, whether it was traced) stays true.
    if phase != .running, phase != .paused {
      nextSpeed = new == speed ? nil : new
      return
    }
    if new != .full { pacedEarlier = true }
    if new == .full, speed != .full, !scheduled, phase == .running || phase == .paused {
      for index in panes.indices.dropFirst() where !panes[index].ended {
        panes[index].add(PaneLine(strings.notListedFromHere, .dim))
      }
    }
    speed = new
  }

  /// Folds a counter sample into the header, panes, primitives and gauge.
  public mutating func apply(_ sample: Sample) {
    let wasOver = phase != .running && phase != .paused
    elapsedNs = sample.elapsedNs
    if sample.scheduled { pacedEarlier = true }
    changeSpeed(to: sample.speed, scheduled: sample.scheduled)
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
    if !wasOver { strip.sampled = sample.speed == .full && !sample.scheduled }
    // At full speed a column is a frame: every thread that made progress
    // in it gets its mark in that one column, so threads running at once
    // show side by side, never taking turns they did not take.
    var ran: [Int] = []
    for snapshot in sample.threads where panes.indices.contains(snapshot.index) {
      var pane = panes[snapshot.index]
      if strip.sampled, snapshot.index > 0, snapshot.steps > pane.sampleSteps {
        ran.append(snapshot.index)
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
      // The rate's history stops with the thread: once ended, a pane's
      // sparkline shows how fast it ran, not a flat line after it stopped.
      if !pane.ended {
        pane.measure(
          iterations: snapshot.iterations, at: sample.elapsedNs,
          final: sample.finished || snapshot.ranNs != nil)
        pane.ended = snapshot.ranNs != nil
      }
      // An ended thread's rate is its own count over its own time, not the
      // last seconds' (which fall to 0 once it stops).
      if let ranNs = snapshot.ranNs, ranNs > 0, snapshot.iterations > 0 {
        pane.rate = Double(snapshot.iterations) / (Double(ranNs) / 1e9)
      }
      panes[snapshot.index] = pane
    }
    if !ran.isEmpty { strip.append(.frame(ran)) }
    parallelism = nil
    if strip.sampled, threadCount >= 2 {
      let workers = Array(sample.threads.dropFirst())
      if !pacedEarlier, let (cpu, span) = WorkerSnapshot.overlap(workers), span > 0 {
        parallelism = Parallelism(value: Double(cpu) / Double(span), sampled: false)
      } else if !sample.cpuByTid.isEmpty {
        let busy = workers.reduce(0.0) { $0 + (sample.cpuByTid[$1.tid] ?? 0) }
        parallelism = Parallelism(value: busy, sampled: true)
      }
    }
    if let value = sample.balance {
      balance.value = value
      balance.saw(value)
      if strip.sampled { balance.rangeSampled = true }
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
