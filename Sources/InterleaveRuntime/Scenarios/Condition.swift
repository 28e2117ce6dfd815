import Synchronization

extension Scenario {
  /// Producers and consumers on a bounded buffer, with a lock and a
  /// condition variable; `--variant if` and `--variant notify` are the bugs.
  public static let condition = Scenario(ConditionScenario())
}

struct ConditionScenario: ScenarioDescriptor {
  /// The buffer's slots.
  static let capacity = 1

  let id = "condition"
  let words = ScenarioWords(
    blurb: Localized(
      en:
        "Producers and consumers share a one-slot buffer: with the lock held, "
        + "wait() while it is full or empty, notify_all() after each change.",
      zh:
        "生产者和消费者共用一个单格缓冲区：持有锁，满了或空了就 wait()，"
        + "每次改动后 notify_all()。"),
    figuresTitle: Localized(en: "bounded buffer", zh: "有界缓冲区"))
  let traits = ScenarioTraits(
    usesBalance: false, usesIterations: true, tracksLostUpdates: false, minimumThreads: 3)

  func primitives(_ configuration: RunConfiguration) -> [PrimitiveSpec] {
    [.mutex("lock"), .condition("cond", lock: 0)]
  }

  /// Workers 1...P produce, the rest consume: a third produce, at least one.
  static func producers(_ configuration: RunConfiguration) -> Int {
    max(1, configuration.threads / 3)
  }

  /// Items worker `worker` puts (a producer) or takes (a consumer): every
  /// producer makes `iterations` for each consumer.
  static func items(_ configuration: RunConfiguration, worker: Int) -> Int {
    let producers = producers(configuration)
    let consumers = max(1, configuration.threads - producers)
    return configuration.iterations * (worker <= producers ? consumers : producers)
  }

  func makeState(_ configuration: RunConfiguration) -> (any ScenarioState)? {
    ConditionState(capacity: ConditionScenario.capacity)
  }

  func model(_ configuration: RunConfiguration) -> Machine {
    let variant = configuration.options.variant
    let all = variant != .notify
    let (lock, cond, items) = (0, 1, 0)
    return Machine(
      programs: Machine.workers(configuration.threads) { worker in
        let producer = worker <= ConditionScenario.producers(configuration)
        var program: [Instruction] = []
        for _ in 0..<ConditionScenario.items(configuration, worker: worker) {
          let start = program.count
          program.append(.acquire(lock))
          // start + 1: the test; start + 6: the item.
          program.append(
            producer
              ? .jumpIf(.cell(items), .less, ConditionScenario.capacity, to: start + 6)
              : .jumpIf(.cell(items), .notEqual, 0, to: start + 6))
          program += [
            .wait(condition: cond, mutex: lock), .wake(condition: cond), .acquire(lock),
            // `while` tests again; `if` goes on to the item (consumers only).
            .jump(to: producer || variant != .if ? start + 1 : start + 6),
          ]
          program += [
            producer ? .put(cell: items) : .take(cell: items), .notify(condition: cond, all: all),
            .release(lock),
          ]
        }
        return program
      }, primitives: [.mutex, .condition], memory: [0], cellNames: ["buffer"],
      outcome: Machine.standard { _ in Outcome(.finished) })
  }

  func run(_ context: WorkerContext) throws(Cancelled) {
    let configuration = context.shared.configuration
    let lock = context.shared.mutex(0)
    let cond = context.shared.condition(1)
    let state = context.shared.state(as: ConditionState.self)
    let producer = context.index <= ConditionScenario.producers(configuration)
    let variant = configuration.options.variant
    for _ in 0..<ConditionScenario.items(configuration, worker: context.index) {
      _ = try context.acquire(lock)
      if producer {
        while state.isFull { try context.wait(cond, lock: lock) }
        try state.put(context)
      } else {
        if variant == .if {
          if state.isEmpty { try context.wait(cond, lock: lock) }
        } else {
          while state.isEmpty { try context.wait(cond, lock: lock) }
        }
        guard try state.take(context) else {
          // IndexError inside `with cond:`: the block's exit lets the lock go.
          _ = lock.willRelease()
          return
        }
      }
      try context.notify(cond, all: variant != .notify)
      context.release(lock)
      context.iterationDone()
    }
  }
}

/// The bounded buffer (its items, changed only under the lock), what went
/// through it, and the errors.
final class ConditionState: ScenarioState {
  let capacity: Int
  let items = Atomic<Int>(0)
  let produced = Atomic<Int>(0)
  let consumed = Atomic<Int>(0)
  let errors = Atomic<Int>(0)

  init(capacity: Int) { self.capacity = capacity }

  var isEmpty: Bool { items.load(ordering: .relaxed) == 0 }
  var isFull: Bool { items.load(ordering: .relaxed) >= capacity }

  /// `buffer.append(item)`, a step.
  func put(_ context: WorkerContext) throws(Cancelled) {
    let traced = try context.step()
    let now = items.add(1, ordering: .relaxed).newValue
    produced.add(1, ordering: .relaxed)
    if traced { context.log(.put(items: now)) }
  }

  /// `buffer.pop(0)`, a step. - Returns: false when the buffer was empty:
  /// Python's `IndexError`, logged, and the thread ends.
  func take(_ context: WorkerContext) throws(Cancelled) -> Bool {
    let traced = try context.step()
    guard items.load(ordering: .relaxed) > 0 else {
      errors.add(1, ordering: .relaxed)
      context.log(.raised(.popFromEmpty))
      return false
    }
    let now = items.subtract(1, ordering: .relaxed).newValue
    consumed.add(1, ordering: .relaxed)
    if traced { context.log(.take(items: now)) }
    return true
  }

  func figures() -> [ScenarioFigure] {
    var figures: [ScenarioFigure] = [
      .buffer(
        items: items.load(ordering: .relaxed), capacity: capacity,
        produced: produced.load(ordering: .relaxed), consumed: consumed.load(ordering: .relaxed))
    ]
    let raised = errors.load(ordering: .relaxed)
    if raised > 0 { figures.append(.errors(.popFromEmpty, count: raised)) }
    return figures
  }

  func outcome() -> Outcome? {
    errors.load(ordering: .relaxed) > 0 ? Outcome(.error(.popFromEmpty)) : nil
  }
}
