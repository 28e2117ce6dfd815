extension Scenario {
  /// The seed's `_thread` example: each worker holds the lock across its
  /// whole loop, so the work is serialised.
  public static let coarse = Scenario(CoarseScenario())
}

struct CoarseScenario: ScenarioDescriptor {
  /// The loop runs this many times, as in the seed.
  static let rounds = 10

  let id = "coarse"
  let words = ScenarioWords(
    blurb: Localized(
      en:
        "The _thread lock: acquire(timeout=…), then hold it for the whole loop; "
        + "everyone else waits. Locks serialise work.",
      zh:
        "_thread 锁：acquire(timeout=…) 后整个循环都持有锁，"
        + "其他线程只能等待——锁让并发变成了串行。"))
  let traits = ScenarioTraits(
    usesBalance: true, usesIterations: false, tracksLostUpdates: false, mainWaits: .sleep)

  func primitives(_ configuration: RunConfiguration) -> [PrimitiveSpec] { [.mutex("lock")] }

  /// Every worker adds its amount `rounds` times.
  func expectedBalance(_ configuration: RunConfiguration) -> Int {
    (1...configuration.threads).reduce(0) { $0 + CoarseScenario.rounds * Amounts.coarse($1) }
  }

  /// acquire(timeout=…) (under a scheduler a wait never times out), then
  /// read, write and sleep each round, then release.
  func model(_ configuration: RunConfiguration) -> Machine {
    Machine.onBalance(
      Machine.workers(configuration.threads) { worker in
        let round: [Instruction] = [
          .read(cell: Machine.balance, into: 0),
          .write(cell: Machine.balance, from: 0, plus: Amounts.coarse(worker)), .local(.sleep),
        ]
        return [.acquire(0)] + Array(repeating: round, count: CoarseScenario.rounds).flatMap { $0 }
          + [.release(0)]
      }, primitives: [.mutex])
  }

  func run(_ context: WorkerContext) throws(Cancelled) {
    let lock = context.shared.mutex(0)
    let inc = Amounts.coarse(context.index)
    guard try context.acquire(lock, timeout: context.shared.configuration.options.lockTimeout)
    else { return }
    defer { context.release(lock) }
    context.log(
      .lockState(
        primitive: lock.id, locked: lock.isLocked,
        ident: context.counters.ident.load(ordering: .relaxed)))
    let balance = context.shared.balance
    for _ in 0..<CoarseScenario.rounds {
      let value = try context.read(balance)
      try context.write(balance, value + inc)
      // The seed's time.sleep(0.1).
      try context.sleep(written: 100_000_000)
      context.log(.balance(balance.value))
      context.iterationDone()
    }
  }
}
