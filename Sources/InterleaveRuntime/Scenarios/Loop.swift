extension Scenario {
  /// The seed's first example: the main thread starts named loop threads and
  /// joins them; each counts `n` while `n <= 5`, printing `>>> n`.
  public static let loop = Scenario(LoopScenario())
}

struct LoopScenario: ScenarioDescriptor {
  /// The loop counts while `n <= limit`, as in the seed.
  static let limit = 5

  let id = "loop"
  let words = ScenarioWords(
    blurb: Localized(
      en:
        "The main thread starts a named thread and joins it: every thread has a "
        + "name, current_thread() returns the calling thread.",
      zh:
        "主线程启动一个名为“循环线程”的线程并 join 它："
        + "每个线程都有名字，current_thread() 返回当前线程。"))
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
