import InterleaveRuntime

extension English: ScenarioStrings {
  public func conditionWaits(_ condition: String) -> String {
    "\(condition).wait(): lets the lock go, waits"
  }

  public func notified(_ condition: String) -> String { "woken by \(condition).notify" }

  public func notifies(_ condition: String, all: Bool, woken: Int) -> String {
    let call = "\(condition).notify\(all ? "_all" : "")()"
    return woken == 0 ? "\(call): nobody waits" : "\(call): wakes \(woken)"
  }

  public func puts(items: Int) -> String { "buffer.append(item): \(items) in the buffer" }
  public func takes(items: Int) -> String { "buffer.pop(0): \(items) left" }
  public func endedBy(_ error: ModelError) -> String { "ended by the \(error.pythonType)" }
  public func raised(_ error: ModelError) -> String { "raised \(error.python)" }

  public func hang(waiting: Int) -> String {
    "hang: \(waiting == 1 ? "1 thread waits" : "\(waiting) threads wait"), none left to notify"
  }

  public func inUse(delta: Int, count: Int) -> String {
    delta > 0 ? "uses a connection (\(count) in use)" : "gives it back (\(count) in use)"
  }

  public func bytecode(_ bytecode: Bytecode) -> String {
    switch bytecode {
    case .loadFast: return "LOAD_FAST n"
    case .binaryOp(let add): return "BINARY_OP \(add ? "+" : "-")"
    }
  }

  public var gilSwitch: String { "hands the GIL over (switch interval)" }

  public func stores(cell: Int, value: Int) -> String { "\(Self.cell(cell)) = \(value)" }

  public func loads(cell: Int, value: Int, thread: Int) -> String {
    "r\(thread) = \(Self.cell(cell)) (\(value))"
  }

  static func cell(_ index: Int) -> String { index == 0 ? "x" : index == 1 ? "y" : "c\(index)" }

  public func spawned(pid: Int32) -> String { "forked a child process (its own memory)" }
  public func pid(_ pid: Int32) -> String { "pid \(pid)" }

  public func permitsLeft(_ permits: Int, of capacity: Int) -> String {
    "\(permits) of \(capacity) permits left"
  }

  public func holding(_ names: [String]) -> String { "held by " + names.joined(separator: ", ") }

  public func conditionCounts(waits: String, notifies: String) -> String {
    "waits \(waits) · notifies \(notifies)"
  }

  public var nobodyWaits: String { "nobody waits" }

  public func semaphoreLine(_ lock: PrimitiveSnapshot, contention: String) -> String {
    "\(lock.acquisitions) acquisitions, \(lock.contended) waited (\(contention)), "
      + "wait avg \(Duration.text(lock.averageWaitNs)) max \(Duration.text(lock.maxWaitNs)), "
      + "\(lock.permits) of \(lock.capacity) permits left"
  }

  public var pickerTitle: String { "scenarios" }
  public var pickerKeys: String { "↑↓ choose · Enter or its key switch · Esc close" }

  public func figuresTitle(_ scenario: String) -> String {
    Scenario(id: scenario)?.words.figuresTitle?.en ?? scenario
  }

  public func figure(_ figure: ScenarioFigure, names: (Int) -> String) -> [String] {
    switch figure {
    case .concurrency(let now, let most, let limit):
      return [
        "connections in use  \(now) of \(limit)",
        most > limit
          ? "most at once        \(most): above \(limit)!"
          : "most at once        \(most) (limit \(limit))",
      ]
    case .buffer(let items, let capacity, let produced, let consumed):
      let slots =
        String(repeating: "■", count: min(items, 32))
        + String(repeating: "□", count: max(0, min(capacity, 32) - items))
      return ["buffer  \(slots)  \(items)/\(capacity)", "put \(produced)  taken \(consumed)"]
    case .errors(let error, let count):
      return ["\(error.python) ×\(count)"]
    case .gil(let holder, let switches, let rule, let interval):
      return [
        "held by  " + (holder.map(names) ?? "nobody"),
        "changed hands \(Format.grouped(switches)) times",
        rule == .backedge ? "only at calls and loop ends" : "between any two bytecodes",
        // The switch interval: how long a waiter lets the holder run first.
        "a waiter asks after \(Duration.text(interval))",
      ]
    case .outcomes(let counts, let trials, let fenced, let cpus):
      var lines = counts.map {
        "\($0.label)  " + Format.grouped($0.count).leftPadded(11)
          + ($0.predicted ? "" : "  reordered")
      }
      lines.append("\(Format.grouped(trials)) trials" + (fenced ? " · fenced" : " · relaxed"))
      if cpus < 2 { lines.append("one CPU: nothing to reorder") }
      return lines
    case .processes(let children):
      return children.map {
        "\(names($0.worker))  balance \($0.balance)" + ($0.ended ? "  ended" : "")
      }
    }
  }

  public func summary(_ figure: ScenarioFigure, names: (Int) -> String) -> [(String, String)] {
    switch figure {
    case .concurrency(_, let most, let limit):
      return [("most in use", "\(most) at once (\(limit) permits)")]
    case .buffer(let items, _, let produced, let consumed):
      return [("buffer", "put \(produced), taken \(consumed), \(items) left")]
    case .errors(let error, let count):
      return [("raised", "\(error.python) (\(count)x)")]
    case .gil(_, let switches, let rule, let interval):
      return [
        (
          "GIL",
          "changed hands \(Format.grouped(switches)) times (\(rule.rawValue), "
            + "\(Duration.text(interval)))"
        )
      ]
    case .outcomes(let counts, let trials, let fenced, _):
      return [("trials", Format.grouped(trials) + (fenced ? " (fenced)" : " (relaxed)"))]
        + counts.map {
          (
            $0.label,
            Format.grouped($0.count) + ($0.predicted ? "" : " (not sequentially consistent)")
          )
        }
    case .processes(let children):
      return children.map { ("pid \($0.pid)", "\(names($0.worker)): balance \($0.balance)") }
    }
  }
}

extension String {
  /// Padded on the left with spaces to `width` characters.
  func leftPadded(_ width: Int) -> String {
    String(repeating: " ", count: max(0, width - count)) + self
  }
}
