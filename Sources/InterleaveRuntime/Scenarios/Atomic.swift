extension Scenario {
  /// The race with an atomic add: correct and fast.
  public static let atomic = Scenario(AtomicScenario())
}

struct AtomicScenario: ScenarioDescriptor {
  let id = "atomic"
  let words = ScenarioWords(
    blurb: Localized(
      en:
        "An atomic add: the read and the write are one indivisible step, so no "
        + "update is lost and no lock is needed.",
      zh: "原子加法：读和写是一个不可分割的操作，不需要锁也不会丢失更新。"))
  let traits = ScenarioTraits(
    usesBalance: true, usesIterations: true, tracksLostUpdates: true, countsInBatches: true)
  let stepsPerFullSpeedIteration = 2  // two atomic adds

  func model(_ configuration: RunConfiguration) -> Machine {
    Machine.onBalance(
      Machine.workers(configuration.threads) { worker in
        let amount = Amounts.race(worker)
        return Array(
          repeating: [
            Instruction.atomicAdd(cell: Machine.balance, amount: amount),
            .atomicAdd(cell: Machine.balance, amount: -amount),
          ], count: configuration.iterations
        ).flatMap { $0 }
      })
  }

  func run(_ context: WorkerContext) throws(Cancelled) {
    let amount = Amounts.race(context.index)
    let balance = context.shared.balance
    var left = context.shared.configuration.iterations
    while left > 0 {
      if context.atFullSpeed {
        left -= context.wholeIterations(upTo: left) {
          balance.addAtFullSpeed(amount)
          balance.addAtFullSpeed(-amount)
        }
        continue
      }
      try context.atomicAdd(balance, amount)
      try context.atomicAdd(balance, -amount)
      context.iterationDone()
      left -= 1
    }
  }
}
