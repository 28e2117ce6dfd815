extension Scenario {
  /// The race with one lock around `change_it`: always 0.
  public static let locked = Scenario(LockedScenario())
}

struct LockedScenario: ScenarioDescriptor {
  let id = "locked"
  let words = ScenarioWords(
    blurb: Localized(
      en:
        "A lock around change_it(): at most one thread holds it at a time, so "
        + "the balance always ends at 0.",
      zh:
        "给 change_it() 上一把锁：同一时刻最多一个线程持有它，"
        + "所以 balance 最后总是 0。"))
  let traits = ScenarioTraits(
    usesBalance: true, usesIterations: true, tracksLostUpdates: true, countsInBatches: true)
  let stepsPerFullSpeedIteration = 6  // acquire, the race's four, release

  func primitives(_ configuration: RunConfiguration) -> [PrimitiveSpec] { [.mutex("lock")] }
  func model(_ configuration: RunConfiguration) -> Machine {
    Machine.onBalance(
      Machine.workers(configuration.threads) { worker in
        Array(
          repeating: [.acquire(0)] + Machine.changeIt(Amounts.race(worker)) + [.release(0)],
          count: configuration.iterations
        ).flatMap { $0 }
      }, primitives: [.mutex])
  }

  func run(_ context: WorkerContext) throws(Cancelled) {
    let amount = Amounts.race(context.index)
    let balance = context.shared.balance
    let lock = context.shared.mutex(0)
    let change = FullSpeedChange(balance, amount, writer: context.index)
    var left = context.shared.configuration.iterations
    while left > 0 {
      if context.atFullSpeed {
        left -= try context.wholeIterations(upTo: left) { () throws(Cancelled) in
          try context.acquireAtFullSpeed(lock)
          change()
          context.releaseAtFullSpeed(lock)
        }
        continue
      }
      _ = try context.acquire(lock)
      defer { context.release(lock) }
      try context.changeIt(balance, amount)
      context.iterationDone()
      left -= 1
    }
  }
}
