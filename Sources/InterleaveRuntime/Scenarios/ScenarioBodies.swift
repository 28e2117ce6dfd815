/// What each worker thread does, per scenario, written as the seed's Python
/// reads, with every shared access going through a step point.
enum ScenarioBodies {
  /// How long `coarse` waits in `acquire(timeout=…)` before giving up.
  static let coarseTimeout: UInt64 = 10_000_000_000
  /// `coarse` loops this many times, as in the seed.
  static let coarseRounds = 10
  /// The loop scenario counts while `n <= loopLimit`, as in the seed.
  static let loopLimit = 5

  static func run(_ context: WorkerContext) throws(Cancelled) {
    let shared = context.shared
    let iterations = shared.configuration.iterations
    // Read once: fetching a shared object in the loop retains it every time,
    // and two threads bumping one reference count fight over its cache line.
    let balance = shared.balance
    switch shared.configuration.scenario {
    case .loop:
      var n = 1
      while n <= loopLimit {
        n += 1
        try context.tick(n)
        try context.sleep()
        context.iterationDone()
      }
    case .race:
      let amount = Amounts.race(context.index)
      for _ in 0..<iterations {
        if context.atFullSpeed {
          changeItAtFullSpeed(context, balance, amount)
          context.fullSpeedIterationDone()
          continue
        }
        try changeIt(context, balance, amount)
        context.iterationDone()
      }
    case .locked:
      let amount = Amounts.race(context.index)
      let lock = shared.locks[0]
      for _ in 0..<iterations {
        if context.atFullSpeed {
          try context.acquireAtFullSpeed(lock)
          changeItAtFullSpeed(context, balance, amount)
          context.releaseAtFullSpeed(lock)
          context.fullSpeedIterationDone()
          continue
        }
        _ = try context.acquire(lock)
        defer { context.release(lock) }
        try changeIt(context, balance, amount)
        context.iterationDone()
      }
    case .coarse:
      try increase(context, Amounts.coarse(context.index), lock: shared.locks[0])
    case .deadlock:
      let amount = Amounts.race(context.index)
      let (a, b) = (shared.locks[0], shared.locks[1])
      let (first, second) = context.index % 2 == 0 ? (a, b) : (b, a)
      for _ in 0..<iterations {
        _ = try context.acquire(first)
        defer { context.release(first) }
        try context.sleep()
        _ = try context.acquire(second)
        defer { context.release(second) }
        try changeIt(context, balance, amount)
        context.iterationDone()
      }
    case .atomic:
      let amount = Amounts.race(context.index)
      for _ in 0..<iterations {
        if context.atFullSpeed {
          balance.word.wrappingAdd(amount << SharedBalance.writerBits, ordering: .relaxed)
          balance.word.wrappingAdd(-amount << SharedBalance.writerBits, ordering: .relaxed)
          context.fullSpeedIterationDone()
          continue
        }
        try context.atomicAdd(balance, amount)
        try context.atomicAdd(balance, -amount)
        context.iterationDone()
      }
    }
  }

  /// The seed's `change_it(n)`: `balance += n; balance -= n`, each a read then a write.
  private static func changeIt(_ context: WorkerContext, _ balance: SharedBalance, _ n: Int)
    throws(Cancelled)
  {
    let a = try context.read(balance)
    try context.write(balance, a + n)
    let b = try context.read(balance)
    try context.write(balance, b - n)
  }

  /// `change_it(n)` as one whole iteration at full speed: the same four
  /// relaxed accesses, with no step points between them.
  @inline(__always)
  private static func changeItAtFullSpeed(
    _ context: WorkerContext, _ balance: SharedBalance, _ n: Int
  ) {
    let a = context.readAtFullSpeed(balance)
    context.writeAtFullSpeed(balance, a + n)
    let b = context.readAtFullSpeed(balance)
    context.writeAtFullSpeed(balance, b - n)
  }

  /// The seed's `_thread` example: hold the lock across the whole loop.
  private static func increase(_ context: WorkerContext, _ inc: Int, lock: TracedLock)
    throws(Cancelled)
  {
    guard try context.acquire(lock, timeout: coarseTimeout) else { return }
    defer { context.release(lock) }
    context.log(
      .lockState(
        lock: lock.id, locked: lock.isLocked, ident: context.counters.ident.load(ordering: .relaxed)
      ))
    let balance = context.shared.balance
    for _ in 0..<coarseRounds {
      let value = try context.read(balance)
      try context.write(balance, value + inc)
      try context.sleep()
      context.log(.balance(balance.value))
      context.iterationDone()
    }
  }

  /// Step points in one iteration of a scenario's full-speed path (0: it has none).
  static func stepsPerFullSpeedIteration(_ scenario: Scenario) -> Int {
    switch scenario {
    case .race: return 4  // read, write, read, write
    case .locked: return 6  // acquire, the race's four, release
    case .atomic: return 2  // two atomic adds
    case .loop, .coarse, .deadlock: return 0
    }
  }

  /// The balance every correct run ends with.
  static func expectedBalance(_ configuration: RunConfiguration) -> Int? {
    switch configuration.scenario {
    case .loop: return nil
    case .race, .locked, .deadlock, .atomic: return 0
    case .coarse:
      return (1...configuration.threads).reduce(0) { $0 + coarseRounds * Amounts.coarse($1) }
    }
  }
}
