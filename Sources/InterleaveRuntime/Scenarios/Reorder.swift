import CSystem
import Glibc
import InterleavePlatform
import Synchronization

extension Scenario {
  /// Memory reordering on real hardware: the store-buffering test, `x = 1;
  /// r1 = y` against `y = 1; r2 = x`, many times, relaxed (or `--fence`d).
  public static let reorder = Scenario(ReorderScenario())
}

struct ReorderScenario: ScenarioDescriptor {
  let id = "reorder"
  let words = ScenarioWords(
    blurb: Localized(
      en:
        "x = 1; r1 = y against y = 1; r2 = x, on two cores: in any interleaving "
        + "one load sees 1, but the CPU's store buffer can make both see 0.",
      zh:
        "两个核上分别执行 x = 1; r1 = y 和 y = 1; r2 = x："
        + "任何交错中总有一次读到 1，但 CPU 的存储缓冲能让两次都读到 0。"),
    figuresTitle: Localized(en: "what the CPU did", zh: "CPU 实际做了什么"))
  let traits = ScenarioTraits(
    usesBalance: false, usesIterations: true, tracksLostUpdates: false, fixedThreads: 2,
    showsPrimitives: false, preferredSpeed: .full, pacingFixedAtStart: true,
    countsTrials: true)

  /// Stepped trials meet through two semaphores: Thread-2 says it is
  /// there (`arrived`), Thread-1 clears x and y and lets it go (`go`).
  func primitives(_ configuration: RunConfiguration) -> [PrimitiveSpec] {
    [
      .semaphore("arrived", permits: 0, bounded: false),
      .semaphore("go", permits: 0, bounded: false),
    ]
  }

  var stepsPerFullSpeedIteration: Int { 2 }

  func makeState(_ configuration: RunConfiguration) -> (any ScenarioState)? {
    ReorderState(fenced: configuration.options.fence)
  }

  /// One trial: what interleaving the four steps allows.
  func isCorrect(_ outcome: Outcome, _ configuration: RunConfiguration) -> Bool {
    guard case .values(let values) = outcome.kind else { return false }
    return values.contains { $0.value == 1 }
  }

  func model(_ configuration: RunConfiguration) -> Machine {
    let (x, y) = (0, 1)
    let (arrived, go) = (0, 1)
    // Register 1 is never written: 0, so `write(from: 1, plus: 1)` stores 1.
    let first: [Instruction] = [
      .semaphoreAcquire(arrived), .semaphoreRelease(go, bound: nil),
      .write(cell: x, from: 1, plus: 1), .read(cell: y, into: 0), .semaphoreAcquire(arrived),
    ]
    let second: [Instruction] = [
      .semaphoreRelease(arrived, bound: nil), .semaphoreAcquire(go),
      .write(cell: y, from: 1, plus: 1), .read(cell: x, into: 0),
      .semaphoreRelease(arrived, bound: nil),
    ]
    return Machine(
      programs: [first, second], primitives: [.semaphore(permits: 0), .semaphore(permits: 0)],
      memory: [0, 0], registers: 2, cellNames: ["x", "y"], liveAtEnd: 1,
      outcome: Machine.standard {
        Outcome(
          .values([Outcome.Value("r1", $0.register(0, 0)), Outcome.Value("r2", $0.register(1, 0))]))
      })
  }

  func run(_ context: WorkerContext) throws(Cancelled) {
    let state = context.shared.state(as: ReorderState.self)
    let trials = context.shared.configuration.iterations
    // Both workers choose the same way: the run's pacing at the start.
    if context.atFullSpeed && context.scheduler == nil {
      try state.fullSpeed(context, trials: trials)
    } else {
      try state.stepped(context, trials: trials)
    }
  }
}

/// x and y on lines of their own, the trials' results and a barrier.
final class ReorderState: ScenarioState {
  private let leadingPad = PaddingLine()
  let x = Atomic<Int>(0)
  private let middlePad = PaddingLine()
  let y = Atomic<Int>(0)
  private let trailingPad = PaddingLine()
  let barrier = SpinBarrier()
  /// r1 and r2 of the current trial.
  let r1 = Atomic<Int>(0)
  let r2 = Atomic<Int>(0)
  /// Trials by outcome (r1 r2).
  let count00 = Atomic<Int>(0)
  let count01 = Atomic<Int>(0)
  let count10 = Atomic<Int>(0)
  let count11 = Atomic<Int>(0)
  let fenced: Bool

  init(fenced: Bool) { self.fenced = fenced }

  /// The trials at full speed: meet, store, load, meet; Thread-1 counts
  /// and clears between trials. No step points: nothing between the store
  /// and the load but the CPU.
  func fullSpeed(_ context: WorkerContext, trials: Int) throws(Cancelled) {
    let first = context.index == 1
    for trial in 0..<trials {
      guard barrier.arriveAndWait(cancelled: { context.shared.pacer.isCancelled }) else {
        throw Cancelled()
      }
      // x = 1; r1 = y   against   y = 1; r2 = x
      switch (first, fenced) {
      case (true, false):
        x.store(1, ordering: .relaxed)
        r1.store(y.load(ordering: .relaxed), ordering: .relaxed)
      case (false, false):
        y.store(1, ordering: .relaxed)
        r2.store(x.load(ordering: .relaxed), ordering: .relaxed)
      case (true, true):
        x.store(1, ordering: .sequentiallyConsistent)
        r1.store(y.load(ordering: .sequentiallyConsistent), ordering: .relaxed)
      case (false, true):
        y.store(1, ordering: .sequentiallyConsistent)
        r2.store(x.load(ordering: .sequentiallyConsistent), ordering: .relaxed)
      }
      guard barrier.arriveAndWait(cancelled: { context.shared.pacer.isCancelled }) else {
        throw Cancelled()
      }
      if first { tally() }
      context.fullSpeedIterationDone()
      if trial & 0xFFFF == 0xFFFF, context.shared.pacer.isCancelled { throw Cancelled() }
    }
  }

  /// The trials a step at a time: each store and load a step, the meetings
  /// steps on two semaphores, so a scheduler can order them.
  func stepped(_ context: WorkerContext, trials: Int) throws(Cancelled) {
    let arrived = context.shared.semaphore(0)
    let go = context.shared.semaphore(1)
    let first = context.index == 1
    let (mineCell, theirCell) = first ? (0, 1) : (1, 0)
    for trial in 0..<trials {
      if first {
        try context.acquire(arrived)
        if trial > 0 { tally() }
        _ = try context.release(go)
      } else {
        _ = try context.release(arrived)
        try context.acquire(go)
      }
      if try context.step() { context.log(.store(cell: mineCell, value: 1)) }
      if first {
        x.store(1, ordering: .sequentiallyConsistent)
      } else {
        y.store(1, ordering: .sequentiallyConsistent)
      }
      let traced = try context.step()
      let seen =
        first
        ? y.load(ordering: .sequentiallyConsistent) : x.load(ordering: .sequentiallyConsistent)
      if traced { context.log(.load(cell: theirCell, value: seen)) }
      if first {
        r1.store(seen, ordering: .relaxed)
      } else {
        r2.store(seen, ordering: .relaxed)
      }
      context.iterationDone()
    }
    if first {
      try context.acquire(arrived)
      tally()
    } else {
      _ = try context.release(arrived)
    }
  }

  /// Counts the trial just ended and clears x and y for the next.
  private func tally() {
    switch (r1.load(ordering: .relaxed), r2.load(ordering: .relaxed)) {
    case (0, 0): count00.add(1, ordering: .relaxed)
    case (0, _): count01.add(1, ordering: .relaxed)
    case (_, 0): count10.add(1, ordering: .relaxed)
    default: count11.add(1, ordering: .relaxed)
    }
    x.store(0, ordering: .relaxed)
    y.store(0, ordering: .relaxed)
  }

  func figures() -> [ScenarioFigure] {
    // Every interleaving of the four steps has a store first, so one of the
    // loads sees 1: r1 = r2 = 0 only when the CPU reordered.
    let outcomes = [
      OutcomeCount(r1: 0, r2: 1, count: count01.load(ordering: .relaxed), predicted: true),
      OutcomeCount(r1: 1, r2: 0, count: count10.load(ordering: .relaxed), predicted: true),
      OutcomeCount(r1: 1, r2: 1, count: count11.load(ordering: .relaxed), predicted: true),
      OutcomeCount(r1: 0, r2: 0, count: count00.load(ordering: .relaxed), predicted: false),
    ]
    let trials = outcomes.reduce(0) { $0 + $1.count }
    return [
      .outcomes(
        outcomes, trials: trials, fenced: fenced, cpus: RunConfiguration.usableCores)
    ]
  }

  /// The last trial's outcome (one trial: what the explorer replays).
  func outcome() -> Outcome? {
    Outcome(
      .values([
        Outcome.Value("r1", r1.load(ordering: .relaxed)),
        Outcome.Value("r2", r2.load(ordering: .relaxed)),
      ]))
  }
}

/// Two threads meet, spinning: the barrier of one trial, fast enough for
/// hundreds of thousands of trials a second (and yielding on one CPU).
final class SpinBarrier: Sendable {
  private let leadingPad = PaddingLine()
  private let arrived = Atomic<Int>(0)
  private let generation = Atomic<Int>(0)
  private let trailingPad = PaddingLine()

  /// - Returns: false when `cancelled` turned true while waiting.
  func arriveAndWait(cancelled: () -> Bool) -> Bool {
    let current = generation.load(ordering: .acquiring)
    if arrived.add(1, ordering: .acquiringAndReleasing).newValue == 2 {
      arrived.store(0, ordering: .relaxed)
      generation.store(current + 1, ordering: .releasing)
      return true
    }
    var spins = 0
    while generation.load(ordering: .acquiring) == current {
      spins += 1
      if spins < 4096 {
        il_cpu_relax()
      } else {
        if cancelled() { return false }
        sched_yield()
      }
    }
    return true
  }
}
