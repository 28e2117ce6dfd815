extension Scenario {
  /// The seed's first example: the main thread starts named loop threads and
  /// joins them; each counts `n` while `n <= 5`, printing `>>> n`.
  public static let loop = Scenario(LoopScenario())
}

struct LoopScenario: ScenarioDescriptor {
  /// The loop counts while `n <= limit`, as in the seed.
  static let limit = 5

  let id = "loop"
  let traits = ScenarioTraits(
    usesBalance: false, usesIterations: false, tracksLostUpdates: false, naming: .loop)

  /// `n += 1` reported, then a sleep, while n <= 5.
  func model(_ configuration: RunConfiguration) -> Machine {
    Machine(
      programs: Machine.workers(configuration.threads) { _ in
        Array(repeating: [Instruction.local(.count), .local(.sleep)], count: LoopScenario.limit)
          .flatMap { $0 }
      }, outcome: Machine.standard { _ in Outcome(.finished) })
  }

  func run(_ context: WorkerContext) throws(Cancelled) {
    var n = 1
    while n <= LoopScenario.limit {
      n += 1
      try context.tick(n)
      // The seed's time.sleep(1).
      try context.sleep(written: 1_000_000_000)
      context.iterationDone()
    }
  }
}
