extension Scenario {
  /// `balance += n; balance -= n` with no lock: updates are lost.
  public static let race = Scenario(RaceScenario())
}

struct RaceScenario: ScenarioDescriptor {
  let id = "race"
  let words = ScenarioWords(
    blurb: Localized(
      en:
        "No lock: balance += n is a read then a write; when threads interleave, "
        + "one write overwrites another and an update is lost.",
      zh:
        "没有锁：balance += n 是先读后写，两个线程交错时，"
        + "一个线程写入的值会覆盖另一个线程写入的值，更新就丢了。"))
  let traits = ScenarioTraits(
    usesBalance: true, usesIterations: true, tracksLostUpdates: true, losesUpdates: true,
    countsInBatches: true)
  let stepsPerFullSpeedIteration = 4  // read, write, read, write

  func model(_ configuration: RunConfiguration) -> Machine {
    Machine.onBalance(
      Machine.workers(configuration.threads) { worker in
        Array(repeating: Machine.changeIt(Amounts.race(worker)), count: configuration.iterations)
          .flatMap { $0 }
      })
  }

  func run(_ context: WorkerContext) throws(Cancelled) {
    let amount = Amounts.race(context.index)
    // Read once: fetching a shared object in the loop retains it every time,
    // and two threads bumping one reference count fight over its cache line.
    let balance = context.shared.balance
    let change = FullSpeedChange(balance, amount, writer: context.index)
    var left = context.shared.configuration.iterations
    while left > 0 {
      if context.atFullSpeed {
        left -= context.wholeIterations(upTo: left) { change() }
        continue
      }
      try context.changeIt(balance, amount)
      context.iterationDone()
      left -= 1
    }
  }
}
