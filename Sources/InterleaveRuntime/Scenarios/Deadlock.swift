extension Scenario {
  /// Two locks taken in opposite orders: odd workers take B then A, even
  /// workers A then B.
  public static let deadlock = Scenario(DeadlockScenario())
}

struct DeadlockScenario: ScenarioDescriptor {
  let id = "deadlock"
  let words = ScenarioWords(
    blurb: Localized(
      en:
        "Two locks taken in opposite orders: each thread holds what the other "
        + "needs, and all of them hang. A deadlock.",
      zh:
        "两把锁，相反的顺序：每个线程都持有对方需要的锁，"
        + "全部挂起——这就是死锁。"))
  let traits = ScenarioTraits(usesBalance: true, usesIterations: true, tracksLostUpdates: false)

  func primitives(_ configuration: RunConfiguration) -> [PrimitiveSpec] {
    [.mutex("A"), .mutex("B")]
  }

  func model(_ configuration: RunConfiguration) -> Machine {
    Machine.onBalance(
      Machine.workers(configuration.threads) { worker in
        let (first, second) = worker % 2 == 0 ? (0, 1) : (1, 0)
        let iteration: [Instruction] =
          [.acquire(first), .local(.sleep), .acquire(second)]
          + Machine.changeIt(Amounts.race(worker))
          + [.release(second), .release(first)]
        return Array(repeating: iteration, count: configuration.iterations).flatMap { $0 }
      }, primitives: [.mutex, .mutex])
  }

  func run(_ context: WorkerContext) throws(Cancelled) {
    let amount = Amounts.race(context.index)
    let balance = context.shared.balance
    let (a, b) = (context.shared.mutex(0), context.shared.mutex(1))
    let (first, second) = context.index % 2 == 0 ? (a, b) : (b, a)
    for _ in 0..<context.shared.configuration.iterations {
      _ = try context.acquire(first)
      defer { context.release(first) }
      try context.sleep()
      _ = try context.acquire(second)
      defer { context.release(second) }
      try context.changeIt(balance, amount)
      context.iterationDone()
    }
  }
}
