import InterleaveRuntime
import InterleaveText

extension Transcript {
  /// One JSON object per event, for `--format jsonl`.
  func json(for event: Event) -> JSONValue {
    var pairs: [(String, JSONValue)] = [
      ("type", "event"), ("t_ns", .int(Int(event.time))), ("thread", .int(event.thread)),
      ("name", .string(name(event.thread))),
    ]
    /// The primitive an event is about: its name and kind (and, for a
    /// mutex, `lock`, as earlier versions wrote it).
    func on(_ id: Int) -> [(String, JSONValue)] {
      let spec = primitive(id)
      return [("primitive", .string(spec.name)), ("primitive_kind", .string(spec.kind.rawValue))]
        + (spec.kind == .mutex ? [("lock", .string(spec.name))] : [])
    }
    func add(_ kind: String, _ fields: [(String, JSONValue)] = []) {
      pairs.append(("kind", .string(kind)))
      pairs.append(contentsOf: fields)
    }
    switch event.kind {
    case .started(let tid, let ident):
      add("started", [("tid", .int(Int(tid))), ("ident", .string(String(ident)))])
    case .finished: add("finished")
    case .cancelled: add("cancelled")
    case .joining(let thread): add("joining", [("worker", .int(thread))])
    case .joined(let thread): add("joined", [("worker", .int(thread))])
    case .count(let n): add("count", [("n", .int(n))])
    case .read(let value): add("read", [("value", .int(value))])
    case .write(let value): add("write", [("value", .int(value))])
    case .atomicAdd(let amount, let result):
      add("atomic_add", [("amount", .int(amount)), ("value", .int(result))])
    case .lostUpdate(let lost):
      add(
        "lost_update",
        [
          ("victim", .int(lost.victim)), ("victim_name", .string(name(lost.victim))),
          ("read", .int(lost.readValue)), ("overwritten", .int(lost.overwritten)),
          ("written", .int(lost.written)), ("amount", .int(lost.amount)),
          ("step", .optional(lost.step)), ("victim_step", .optional(lost.victimStep)),
        ])
    case .waiting(let id): add("waiting", on(id))
    case .acquired(let id, let waited): add("acquired", on(id) + [("waited_ns", .int(Int(waited)))])
    case .timedOut(let id, let waited):
      add("timed_out", on(id) + [("waited_ns", .int(Int(waited)))])
    case .released(let id, let held): add("released", on(id) + [("held_ns", .int(Int(held)))])
    case .lockState(let id, let locked, let ident):
      add("lock_state", on(id) + [("locked", .bool(locked)), ("ident", .string(String(ident)))])
    case .balance(let value): add("balance", [("value", .int(value))])
    case .sleep(let duration): add("sleep", [("duration_ns", .int(Int(duration)))])
    case .deadlock(let length): add("deadlock", [("threads", .int(length))])
    }
    return .object(pairs)
  }

  /// The last line of `--format jsonl`.
  func json(for summary: RunSummary) -> JSONValue {
    .object([
      ("type", "summary"), ("scenario", .string(summary.scenario.id)),
      ("threads", .int(summary.threads)), ("iterations", .int(summary.iterations)),
      ("final_balance", .optional(summary.finalBalance)),
      ("expected_balance", .optional(summary.expectedBalance)),
      ("drift", .optional(summary.drift)),
      ("lost_updates", .optional(summary.lostUpdates)),
      ("elapsed_ns", .int(Int(summary.elapsedNs))),
      ("operations", .int(summary.operations)),
      ("operations_per_second", .double(summary.operationsPerSecond.rounded())),
      (
        "deadlock",
        summary.deadlock.map { cycle in
          .array(
            cycle.links.map {
              .object([
                ("thread", .string(name($0.thread))),
                ("holds", .string(primitive($0.holds).name)),
                ("waits", .string(primitive($0.waits).name)),
              ])
            })
        } ?? .null
      ),
      ("locks", .array(summary.primitives.filter { $0.kind == .mutex }.map(json(for:)))),
      ("primitives", .array(summary.primitives.map(json(for:)))),
      ("cancelled", .bool(summary.cancelled)),
      ("dropped_events", .int(summary.droppedEvents)),
      ("failed_threads", .int(summary.failedThreads)),
    ])
  }

  func json(for lock: PrimitiveSnapshot) -> JSONValue {
    .object([
      ("name", .string(lock.name)), ("kind", .string(lock.kind.rawValue)),
      ("owner", lock.owner.map { .string(name($0)) } ?? .null),
      ("waiters", .array(lock.waiters.map { .string(name($0)) })),
      ("acquisitions", .int(lock.acquisitions)), ("contended", .int(lock.contended)),
      ("timeouts", .int(lock.timeouts)), ("total_wait_ns", .int(Int(lock.totalWaitNs))),
      ("max_wait_ns", .int(Int(lock.maxWaitNs))), ("total_hold_ns", .int(Int(lock.totalHoldNs))),
      ("hold_sampled", .bool(lock.holdSampled)),
    ])
  }
}
