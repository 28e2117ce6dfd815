import InterleaveRuntime

/// Turns events into the lines a person reads, in the seed's transcript style.
public struct Transcript: Sendable, Equatable {
  public let language: Language
  public let strings: any Strings
  /// Thread display names, index 0 first.
  public let names: [String]
  public let primitives: [PrimitiveSpec]
  /// Global reads and writes are said as the bytecodes that make them
  /// (`LOAD_GLOBAL balance → 5`), as in the `gil` scenario.
  public let bytecodes: Bool

  public init(
    language: Language, names: [String], primitives: [PrimitiveSpec], bytecodes: Bool = false
  ) {
    self.language = language
    self.strings = language.strings
    self.names = names
    self.primitives = primitives
    self.bytecodes = bytecodes
  }

  /// The transcript of a run of `configuration`.
  public init(_ configuration: RunConfiguration, language: Language) {
    self.init(
      language: language, names: Transcript.names(configuration, language),
      primitives: configuration.scenario.primitives(configuration),
      bytecodes: configuration.scenario == .gil)
  }

  public static func == (lhs: Transcript, rhs: Transcript) -> Bool {
    lhs.language == rhs.language && lhs.names == rhs.names && lhs.primitives == rhs.primitives
      && lhs.bytecodes == rhs.bytecodes
  }

  /// The display names of a run's threads, main thread first.
  public static func names(_ configuration: RunConfiguration, _ language: Language) -> [String] {
    let strings = language.strings
    let naming = configuration.scenario.traits.naming
    return [strings.mainThread]
      + (1...configuration.threads).map {
        strings.worker(naming, $0, of: configuration.threads)
      }
  }

  public func name(_ thread: Int) -> String {
    names.indices.contains(thread) ? names[thread] : "#\(thread)"
  }

  public func primitive(_ id: Int) -> PrimitiveSpec {
    primitives.indices.contains(id) ? primitives[id] : .mutex("#\(id)")
  }

  /// The line for an event, or nil for events the transcript leaves out
  /// (joins, which the seed does not print).
  public func line(for event: Event) -> String? {
    let who = name(event.thread)
    switch event.kind {
    case .started: return strings.started(who)
    case .finished: return strings.ended(who)
    case .cancelled: return strings.cancelled(who)
    case .count(let n): return strings.count(who, n)
    case .lockState, .balance, .deadlock, .hang: return paneLine(for: event)
    default: return paneLine(for: event).map { who + " " + $0 }
    }
  }

  /// The line for an event without the thread's own name, for its pane.
  public func paneLine(for event: Event) -> String? {
    switch event.kind {
    case .started: return strings.paneStarted
    case .finished: return strings.paneEnded
    case .cancelled: return strings.paneCancelled
    case .joining, .joined: return nil
    // What the seed's loop prints, current_thread().name and all.
    case .count(let n): return strings.count(name(event.thread), n)
    case .read(let value):
      return bytecodes ? "LOAD_GLOBAL balance → \(value)" : strings.reads(value)
    case .write(let value):
      return bytecodes ? "STORE_GLOBAL balance ← \(value)" : strings.writes(value)
    case .atomicAdd(let amount, let result): return strings.atomicAdd(amount, result: result)
    case .lostUpdate(let lost):
      // (Step numbers stay in jsonl: nothing on screen numbers the steps.)
      return strings.lostUpdate(
        wrote: lost.written, over: name(lost.victim), overwritten: lost.overwritten,
        read: lost.readValue)
    case .waiting(let id): return strings.waits(for: primitive(id))
    case .acquired(let id, let waited): return strings.acquired(primitive(id), waited: waited)
    case .timedOut(let id, let waited): return strings.timedOut(primitive(id), waited: waited)
    case .released(let id, let held): return strings.released(primitive(id), held: held)
    // The seed prints this Python way in every language.
    case .lockState(_, let locked, let ident):
      return "(Locked: \(locked ? "True" : "False")) Thread is \(ident)..."
    case .balance(let value): return String(value)
    case .sleep(let duration, let written): return strings.sleeps(duration, written: written)
    case .deadlock(let length): return strings.deadlockFound(threads: length)
    case .conditionWait(let id): return strings.conditionWaits(primitive(id).name)
    case .notified(let id): return strings.notified(primitive(id).name)
    case .notify(let id, let all, let woken):
      return strings.notifies(primitive(id).name, all: all, woken: woken)
    case .put(let items): return strings.puts(items: items)
    case .take(let items): return strings.takes(items: items)
    case .raised(let error): return strings.raised(error)
    case .hang(let waiting): return strings.hang(waiting: waiting)
    case .inUse(let delta, let count): return strings.inUse(delta: delta, count: count)
    case .bytecode(let bytecode): return strings.bytecode(bytecode)
    case .gilSwitch: return strings.gilSwitch
    case .store(let cell, let value): return strings.stores(cell: cell, value: value)
    case .load(let cell, let value):
      return strings.loads(cell: cell, value: value, thread: event.thread)
    case .spawned(let pid): return strings.spawned(pid: pid)
    }
  }

  /// `Thread-1 holds B, waits A -> Thread-2 holds A, waits B`.
  public func describe(_ cycle: DeadlockCycle) -> String {
    cycle.links.map {
      strings.cycleLink(
        name($0.thread), holds: primitive($0.holds).name, waits: primitive($0.waits).name)
    }.joined(separator: " -> ")
  }
}
