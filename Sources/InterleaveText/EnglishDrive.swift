import InterleaveRuntime

extension English: DriveStrings {
  public func driving(steps: Int) -> String { "you schedule · \(steps) steps" }

  public func preview(
    _ preview: StepPreview, cell: (Int) -> String, primitive: (Int) -> String,
    thread: (Int) -> String
  ) -> String {
    switch preview {
    case .read(let index, let value): return "next: read \(cell(index)) (now \(value))"
    case .write(let index, let value): return "next: write \(cell(index)) = \(value)"
    case .atomicAdd(let index, let amount):
      return "next: \(cell(index)) += \(amount) in one step"
    case .acquire(let id): return "next: acquire \(primitive(id))"
    case .blocked(let id, let holder):
      return holder.map { "waits for \(primitive(id)), held by \(thread($0))" }
        ?? "waits for \(primitive(id)): no permit left"
    case .release(let id), .semaphoreRelease(let id): return "next: release \(primitive(id))"
    case .local(.sleep): return "next: sleep"
    case .local(.count): return "next: n = n + 1"
    case .local(.bytecode): return "next: a bytecode"
    case .wait(let id): return "next: \(primitive(id)).wait()"
    case .waitsForNotify(let id): return "waits for \(primitive(id)).notify()"
    case .wake(let id): return "next: wakes from \(primitive(id)).wait()"
    case .notify(let id, let all): return "next: \(primitive(id)).notify\(all ? "_all" : "")()"
    case .fail(let error): return "next: raises \(error.python)"
    case .put(let items): return "next: buffer.append(item) (\(items) in it)"
    case .take(let items):
      return items == 0
        ? "next: buffer.pop(0) on an empty buffer" : "next: buffer.pop(0) (\(items) in it)"
    case .finished: return "finished"
    }
  }

  public func driveHint(_ hint: DriveHint) -> String {
    switch hint {
    case .drive: return "stop driving"
    case .stepThread: return "step thread"
    case .auto: return "auto"
    case .undo: return "undo"
    case .redo: return "redo"
    case .fork: return "outcomes"
    }
  }

  public func driveHelp(_ hint: DriveHint) -> String {
    switch hint {
    case .drive: return "drive: you pick which thread steps next (d again stops)"
    case .stepThread: return "driving: that thread takes its next step"
    case .auto: return "driving: the seeded scheduler takes one step"
    case .undo: return "driving: one step back (replayed on fresh threads)"
    case .redo: return "driving: the undone step, again"
    case .fork: return "driving: every outcome still possible, and the way there"
    }
  }

  public func cannotStep(_ name: String, because why: String) -> String {
    "\(name) cannot step: \(why)"
  }

  public func noSuchThread(_ number: Int, threads: Int) -> String {
    "there is no thread \(number): keys 1-\(threads) step a thread"
  }

  public var runOver: String { "the run is over: u steps back, d stops driving" }
  public var nothingToUndo: String { "nothing to undo: no step taken yet" }
  public var nothingToRedo: String { "nothing to redo" }
  public func stepTaken(_ count: Int, by name: String) -> String { "step \(count): \(name)" }

  public func forkTitle(total: String, step: Int) -> String {
    "after step \(step): \(total) schedules left"
  }

  public var forkKeys: String { "↑↓ choose · Enter go there · Esc close" }

  public func outcome(_ outcome: Outcome) -> String {
    switch outcome.kind {
    case .deadlock: return "deadlock"
    case .hang: return "hang: all wait"
    default: return outcome.description
    }
  }

  public func preemptions(_ count: Int) -> String {
    "\(count) preemption" + (count == 1 ? "" : "s")
  }

  public func drivingSmall(threads: Int, iterations: Int) -> String {
    "driving a small run: \(threads) threads × \(iterations) iterations"
  }

  public var forkCounting: String { "counting every schedule from here… (Esc stops)" }

  public func forkTooLarge(states: String) -> String {
    "More than \(states) states from here: too many to count. Take some steps first, "
      + "or drive a smaller run (--iterations 2)."
  }

  public var correctMark: String { "correct" }
}
