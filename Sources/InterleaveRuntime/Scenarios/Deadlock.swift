extension Scenario {
  /// Two locks taken in opposite orders: odd workers take B then A, even
  /// workers A then B.
  public static let deadlock = Scenario(DeadlockScenario())
}

struct DeadlockScenario: ScenarioDescriptor {
  let id = "deadlock"
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
