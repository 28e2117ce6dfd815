import InterleaveRuntime
import InterleaveText

extension Transcript {
  /// One JSON object per event, for `--format jsonl`.
  public func json(for event: Event) -> JSONValue {
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
    case .sleep(let duration, let written):
      add(
        "sleep",
        [("duration_ns", .int(Int(duration)))]
          + (written > 0 ? [("written_ns", .int(Int(written)))] : []))
    case .deadlock(let length): add("deadlock", [("threads", .int(length))])
    case .conditionWait(let id): add("condition_wait", on(id))
    case .notified(let id): add("notified", on(id))
    case .notify(let id, let all, let woken):
      add("notify", on(id) + [("all", .bool(all)), ("woken", .int(woken))])
    case .put(let items): add("put", [("items", .int(items))])
    case .take(let items): add("take", [("items", .int(items))])
    case .raised(let error): add("raised", [("error", .string(error.python))])
    case .hang(let waiting): add("hang", [("threads", .int(waiting))])
    case .inUse(let delta, let count):
      add("in_use", [("delta", .int(delta)), ("count", .int(count))])
    case .bytecode(let bytecode):
      switch bytecode {
      case .loadFast: add("bytecode", [("op", "LOAD_FAST")])
      case .binaryOp(let isAdd):
        add("bytecode", [("op", .string(isAdd ? "BINARY_OP +" : "BINARY_OP -"))])
      }
    case .gilSwitch: add("gil_switch")
    case .store(let cell, let value): add("store", [("cell", .int(cell)), ("value", .int(value))])
    case .load(let cell, let value): add("load", [("cell", .int(cell)), ("value", .int(value))])
    case .spawned(let pid): add("spawned", [("pid", .int(Int(pid)))])
    }
    return .object(pairs)
  }

  /// The last line of `--format jsonl`: the same keys for every scenario,
  /// then each scenario's own figures.
  public func json(for summary: RunSummary) -> JSONValue {
    guard case .object(let pairs) = baseJSON(for: summary) else { return baseJSON(for: summary) }
    var extra: [(String, JSONValue)] = []
    var errors: [(String, JSONValue)] = []
    for figure in summary.figures {
      switch figure {
      case .concurrency(_, let most, let limit):
        extra += [("max_in_use", .int(most)), ("permits", .int(limit))]
      case .buffer(let items, let capacity, let produced, let consumed):
        extra.append(
          (
            "buffer",
            .object([
              ("items", .int(items)), ("capacity", .int(capacity)), ("produced", .int(produced)),
              ("consumed", .int(consumed)),
            ])
          ))
      case .errors(let error, let count): errors.append((error.python, .int(count)))
      case .gil(_, let switches, let rule, let interval):
        extra += [
          ("gil_switches", .int(switches)), ("gil_switch", .string(rule.rawValue)),
          ("switch_interval_ns", .int(Int(interval))),
        ]
      case .outcomes(let counts, let trials, let fenced, let cpus):
        extra += [
          ("trials", .int(trials)), ("fenced", .bool(fenced)), ("cpus", .int(cpus)),
          ("outcomes", .object(counts.map { ($0.label, .int($0.count)) })),
          ("predicted", .array(counts.filter(\.predicted).map { .string($0.label) })),
        ]
      case .processes(let children):
        extra.append(
          (
            "processes",
            .array(
              children.map {
                .object([
                  ("worker", .string(name($0.worker))), ("pid", .int(Int($0.pid))),
                  ("balance", .int($0.balance)), ("ended", .bool($0.ended)),
                ])
              })
          ))
      }
    }
    if !summary.figures.isEmpty { extra.append(("errors", .object(errors))) }
    if let waiting = summary.hang {
      extra.append(("hang", .array(waiting.map { .string(name($0)) })))
    }
    return .object(pairs + extra)
  }

  private func baseJSON(for summary: RunSummary) -> JSONValue {
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
      // Workers' CPU time over the span they ran in: how many ran at once.
      ("parallelism", summary.parallelism.map { .double(($0 * 100).rounded() / 100) } ?? .null),
      ("workers_cpu_ns", summary.workersCPUNs.map { .int(Int($0)) } ?? .null),
      ("workers_span_ns", summary.workersSpanNs.map { .int(Int($0)) } ?? .null),
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

  public func json(for lock: PrimitiveSnapshot) -> JSONValue {
    var kindPairs: [(String, JSONValue)] = []
    switch lock.kind {
    case .mutex: break
    case .semaphore:
      kindPairs = [
        ("permits", .int(lock.permits)), ("capacity", .int(lock.capacity)),
        ("holders", .array(lock.holders.map { .string(name($0)) })),
      ]
    case .condition: kindPairs = [("notifies", .int(lock.notifies))]
    }
    guard case .object(let pairs) = baseJSON(for: lock) else { return baseJSON(for: lock) }
    return .object(pairs + kindPairs)
  }

  private func baseJSON(for lock: PrimitiveSnapshot) -> JSONValue {
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
