import Glibc
import InterleavePlatform
import Synchronization

extension Scenario {
  /// The race under a model of CPython's global interpreter lock: a thread
  /// runs bytecodes only while it holds the GIL, which changes hands only
  /// at switch points (`--gil-switch backedge|any`).
  public static let gil = Scenario(GILScenario())
}

struct GILScenario: ScenarioDescriptor {
  let id = "gil"
  let words = ScenarioWords(
    blurb: Localized(
      en:
        "The race under a model of CPython's GIL: one thread runs bytecodes at "
        + "a time, and the GIL changes hands only at switch points.",
      zh:
        "在 CPython GIL 的模型下跑竞争：同一时刻只有一个线程执行字节码，"
        + "GIL 只在切换点换人。"),
    figuresTitle: Localized(en: "the GIL", zh: "GIL 全局解释器锁"))
  let traits = ScenarioTraits(
    usesBalance: true, usesIterations: true, tracksLostUpdates: true, losesUpdates: true)

  func primitives(_ configuration: RunConfiguration) -> [PrimitiveSpec] { [.mutex("GIL")] }

  func makeState(_ configuration: RunConfiguration) -> (any ScenarioState)? {
    GILState(rule: configuration.options.gilSwitch, interval: configuration.options.switchInterval)
  }

  func model(_ configuration: RunConfiguration) -> Machine {
    let gil = 0
    let switchPoint: [Instruction] = [.release(gil), .acquire(gil)]
    let any = configuration.options.gilSwitch == .any
    return Machine.onBalance(
      Machine.workers(configuration.threads) { worker in
        let n = Amounts.race(worker)
        let half: (Int) -> [Instruction] = { amount in
          [
            .read(cell: Machine.balance, into: 0), .local(.bytecode), .local(.bytecode),
            .write(cell: Machine.balance, from: 0, plus: amount),
          ]
        }
        let bytecodes = half(n) + half(-n)
        var body = switchPoint
        for (offset, bytecode) in bytecodes.enumerated() {
          body.append(bytecode)
          if any, offset < bytecodes.count - 1 { body += switchPoint }
        }
        body += switchPoint
        return [.acquire(gil)]
          + Array(repeating: body, count: configuration.iterations).flatMap { $0 }
          + [.release(gil)]
      }, primitives: [.mutex])
  }

  func run(_ context: WorkerContext) throws(Cancelled) {
    let gil = context.shared.mutex(0)
    let state = context.shared.state(as: GILState.self)
    let balance = context.shared.balance
    let amount = Amounts.race(context.index)
    let any = state.rule == .any
    try state.take(context, gil)
    for _ in 0..<context.shared.configuration.iterations {
      try state.switchPoint(context, gil)  // function entry: change_it(n)
      for sign in [1, -1] {
        let value = try context.read(balance)  // LOAD_GLOBAL balance
        if any { try state.switchPoint(context, gil) }
        try context.bytecode(.loadFast)  // LOAD_FAST n
        if any { try state.switchPoint(context, gil) }
        try context.bytecode(.binaryOp(add: sign > 0))  // BINARY_OP
        if any { try state.switchPoint(context, gil) }
        try context.write(balance, value + sign * amount)  // STORE_GLOBAL balance
        if any, sign > 0 { try state.switchPoint(context, gil) }
      }
      try state.switchPoint(context, gil)  // the loop's back-edge
      context.iterationDone()
    }
    state.drop(context, gil)
  }
}

/// The interpreter's view of its GIL: who holds it since when, who asks
/// for it, and how often it changed hands.
final class GILState: ScenarioState {
  let rule: ScenarioOptions.GILSwitch
  let interval: UInt64
  let holder = Atomic<Int>(-1)
  let heldSince = Atomic<UInt64>(0)
  /// Threads waiting to take the GIL (CPython's drop request).
  let requests = Atomic<Int>(0)
  let switches = Atomic<Int>(0)
  /// The thread that held it last, to count changes of hands.
  let lastHolder = Atomic<Int>(-1)

  init(rule: ScenarioOptions.GILSwitch, interval: UInt64) {
    self.rule = rule
    self.interval = interval
  }

  /// Takes the GIL (a step), asking for it while waiting.
  func take(_ context: WorkerContext, _ gil: TracedMutex) throws(Cancelled) {
    requests.add(1, ordering: .relaxed)
    defer { requests.subtract(1, ordering: .relaxed) }
    _ = try context.acquire(gil)
    let previous = lastHolder.exchange(context.index, ordering: .relaxed)
    if previous >= 0, previous != context.index { switches.add(1, ordering: .relaxed) }
    holder.store(context.index, ordering: .relaxed)
    heldSince.store(MonotonicClock.now(), ordering: .relaxed)
  }

  /// Lets the GIL go (a step).
  func drop(_ context: WorkerContext, _ gil: TracedMutex) {
    holder.store(-1, ordering: .relaxed)
    context.release(gil)
  }

  /// Where the interpreter may hand the GIL over. Stepped (or scheduled):
  /// let go and take again, two steps, whoever is chosen taking it. At full
  /// speed, as CPython: only when another thread asks and the holder has
  /// had it a switch interval, and then it waits until another took it.
  func switchPoint(_ context: WorkerContext, _ gil: TracedMutex) throws(Cancelled) {
    guard context.atFullSpeed else {
      drop(context, gil)
      return try take(context, gil)
    }
    guard requests.load(ordering: .relaxed) > 0,
      MonotonicClock.now() &- heldSince.load(ordering: .relaxed) >= interval
    else { return }
    drop(context, gil)
    if context.shared.pacer.mode.load(ordering: .relaxed) == Pacer.Mode.full.rawValue {
      context.log(.gilSwitch)
    }
    // A forced switch: wait until another thread has taken it.
    while requests.load(ordering: .relaxed) > 0, holder.load(ordering: .relaxed) < 0 {
      if context.shared.pacer.isCancelled { throw Cancelled() }
      sched_yield()
    }
    try take(context, gil)
  }

  func figures() -> [ScenarioFigure] {
    let holding = holder.load(ordering: .relaxed)
    return [
      .gil(
        holder: holding >= 0 ? holding : nil, switches: switches.load(ordering: .relaxed),
        rule: rule, intervalNs: interval)
    ]
  }
}

extension WorkerContext {
  /// A bytecode that touches nothing shared: one step.
  func bytecode(_ bytecode: Bytecode) throws(Cancelled) {
    if try step() { log(.bytecode(bytecode)) }
  }
}
