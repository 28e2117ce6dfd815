extension Scenario {
  /// A lock around each access instead of around the update: every read and
  /// every write is locked, and updates are still lost.
  public static let split = Scenario(SplitScenario())
}

/// `with lock: v = balance` then `with lock: balance = v + n`: the lock is
/// let go between the read and the write, so another thread's whole update
/// can land in the gap and be overwritten.
struct SplitScenario: ScenarioDescriptor {
  let id = "split"
  let words = ScenarioWords(
    blurb: Localized(
      en:
        "A lock around each read and each write, not around the update: the "
        + "lock is let go in between, so updates are still lost.",
      zh:
        "每次读、每次写都各自加锁，却没有把整个更新锁住："
        + "读和写之间锁被放开了，更新照样会丢。"))
  let traits = ScenarioTraits(
    usesBalance: true, usesIterations: true, tracksLostUpdates: true, losesUpdates: true)
  /// Per iteration, twice: acquire, read, release, acquire, write, release.
  let stepsPerFullSpeedIteration = 12

  func primitives(_ configuration: RunConfiguration) -> [PrimitiveSpec] { [.mutex("lock")] }
  func model(_ configuration: RunConfiguration) -> Machine {
    Machine.onBalance(
      Machine.workers(configuration.threads) { worker in
        let n = Amounts.race(worker)
        let update: [Instruction] = [n, -n].flatMap { change in
          [
            .acquire(0), .read(cell: Machine.balance, into: 0), .release(0), .acquire(0),
            .write(cell: Machine.balance, from: 0, plus: change), .release(0),
          ]
        }
        return Array(repeating: update, count: configuration.iterations).flatMap { $0 }
      }, primitives: [.mutex])
  }

  func run(_ context: WorkerContext) throws(Cancelled) {
    let amount = Amounts.race(context.index)
    let balance = context.shared.balance
    let lock = context.shared.mutex(0)
    for _ in 0..<context.shared.configuration.iterations {
      if context.atFullSpeed {
        for change in [amount, -amount] {
          try context.acquireAtFullSpeed(lock)
          let value = context.readAtFullSpeed(balance)
          context.releaseAtFullSpeed(lock)
          try context.acquireAtFullSpeed(lock)
          context.writeAtFullSpeed(balance, value + change)
          context.releaseAtFullSpeed(lock)
        }
        context.fullSpeedIterationDone()
        continue
      }
      for change in [amount, -amount] {
        _ = try context.acquire(lock)
        let value: Int
        do {
          defer { context.release(lock) }
          value = try context.read(balance)
        }
        _ = try context.acquire(lock)
        defer { context.release(lock) }
        try context.write(balance, value + change)
      }
      context.iterationDone()
    }
  }
}
