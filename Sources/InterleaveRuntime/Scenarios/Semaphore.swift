import Synchronization

extension Scenario {
  /// `threading.Semaphore(k)` guarding a pool of k connections used by N
  /// workers; `--bounded`: a `BoundedSemaphore` and code that releases once
  /// too often.
  public static let semaphore = Scenario(SemaphoreScenario())
}

struct SemaphoreScenario: ScenarioDescriptor {
  let id = "semaphore"
  let words = ScenarioWords(
    blurb: Localized(
      en:
        "A Semaphore(k) guards a pool of k connections: acquire() waits while "
        + "all are in use, so never more than k are used at once.",
      zh:
        "Semaphore(k) 守护一个有 k 个连接的池："
        + "连接都在用时 acquire() 就等待，所以同时最多用 k 个。"),
    figuresTitle: Localized(en: "connection pool", zh: "连接池"))
  let traits = ScenarioTraits(
    usesBalance: false, usesIterations: true, tracksLostUpdates: false, minimumThreads: 3)

  func primitives(_ configuration: RunConfiguration) -> [PrimitiveSpec] {
    [
      .semaphore(
        "pool", permits: configuration.options.permits, bounded: configuration.options.bounded)
    ]
  }

  /// Never more in use than permits, and no error.
  func isCorrect(_ outcome: Outcome, _ configuration: RunConfiguration) -> Bool {
    guard case .values(let values) = outcome.kind else { return false }
    return values.allSatisfy { $0.value <= configuration.options.permits }
  }

  func makeState(_ configuration: RunConfiguration) -> (any ScenarioState)? {
    SemaphoreState(limit: configuration.options.permits)
  }

  func model(_ configuration: RunConfiguration) -> Machine {
    let bound = configuration.options.bounded ? configuration.options.permits : nil
    let (inUse, most) = (0, 1)
    return Machine(
      programs: Machine.workers(configuration.threads) { worker in
        let use: [Instruction] = [
          .semaphoreAcquire(0), .atomicAdd(cell: inUse, amount: 1),
          .recordMax(cell: most, of: inUse), .local(.sleep), .atomicAdd(cell: inUse, amount: -1),
          .semaphoreRelease(0, bound: bound),
        ]
        let extra: [Instruction] =
          configuration.options.bounded && worker == 1 ? [.semaphoreRelease(0, bound: bound)] : []
        return Array(repeating: use, count: configuration.iterations).flatMap { $0 } + extra
      }, primitives: [.semaphore(permits: configuration.options.permits)], memory: [0, 0],
      cellNames: ["in_use", "most"],
      outcome: Machine.standard { Outcome(.values([Outcome.Value("most in use", $0.cell(most))])) })
  }

  func run(_ context: WorkerContext) throws(Cancelled) {
    let pool = context.shared.semaphore(0)
    let state = context.shared.state(as: SemaphoreState.self)
    let iterations = context.shared.configuration.iterations
    for iteration in 0..<iterations {
      try context.acquire(pool)
      try state.use(context, 1)
      try context.sleep()
      try state.use(context, -1)
      guard try context.release(pool) else { return state.raise(context) }
      // The bug of the bounded variant: released twice (in a `finally` and
      // in the normal path), once too often.
      if pool.bounded, context.index == 1, iteration == iterations - 1 {
        guard try context.release(pool) else { return state.raise(context) }
      }
      context.iterationDone()
    }
  }
}

/// The pool's connections in use, the most ever at once, and the errors.
final class SemaphoreState: ScenarioState {
  let limit: Int
  let inUse = Atomic<Int>(0)
  let most = Atomic<Int>(0)
  let errors = Atomic<Int>(0)

  init(limit: Int) { self.limit = limit }

  /// A step: a connection taken (+1) or given back (-1).
  func use(_ context: WorkerContext, _ delta: Int) throws(Cancelled) {
    let traced = try context.step()
    let now = inUse.add(delta, ordering: .sequentiallyConsistent).newValue
    if delta > 0 { most.max(now, ordering: .relaxed) }
    if traced { context.log(.inUse(delta: delta, count: now)) }
  }

  /// `release()` raised: Python's `ValueError`, and the thread ends.
  func raise(_ context: WorkerContext) {
    errors.add(1, ordering: .relaxed)
    context.log(.raised(.semaphoreOverRelease))
  }

  func figures() -> [ScenarioFigure] {
    var figures: [ScenarioFigure] = [
      .concurrency(
        now: inUse.load(ordering: .relaxed), most: most.load(ordering: .relaxed), limit: limit)
    ]
    let raised = errors.load(ordering: .relaxed)
    if raised > 0 { figures.append(.errors(.semaphoreOverRelease, count: raised)) }
    return figures
  }

  func outcome() -> Outcome? {
    if errors.load(ordering: .relaxed) > 0 { return Outcome(.error(.semaphoreOverRelease)) }
    return .init(.values([Outcome.Value("most in use", most.load(ordering: .relaxed))]))
  }
}
