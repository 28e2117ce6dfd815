import Synchronization

/// One thread's exact counters, written by that thread and readable by any
/// thread at any time without a lock.
///
/// Only the owning thread writes the hot counters, so they are bumped with a
/// relaxed load and store (no read-modify-write). The padding keeps two
/// threads' counters off the same cache line.
public final class WorkerCounters: Sendable {
  private let leadingPad = PaddingLine()
  let state = Atomic<Int>(ThreadState.created.rawValue)
  /// Step points passed one at a time (paced, paused or scheduled).
  let steps = Atomic<Int>(0)
  /// Iterations that went through step points.
  let iterations = Atomic<Int>(0)
  /// Iterations run whole at full speed, each `stepsPerFullSpeedIteration`
  /// untraced steps: one counter per iteration on the fastest path, so that
  /// a snapshot's steps and iterations agree.
  let fullSpeedIterations = Atomic<Int>(0)
  let lostUpdates = Atomic<Int>(0)
  let tid = Atomic<Int>(0)
  let ident = Atomic<UInt>(0)
  let cpu = Atomic<Int>(-1)
  /// The lock this thread waits for, or -1.
  let waitingFor = Atomic<Int>(-1)
  /// Arrival order among waiters (a run-wide ticket).
  let waitTicket = Atomic<Int>(0)
  /// Under a scheduler, the step number of this thread's latest write (0: none).
  let lastWriteStep = Atomic<Int>(0)
  /// Events emitted in this thread's name (pushed or dropped). Any thread may
  /// emit for it (a deadlock found by another), so this one is an atomic add.
  let emitted = Atomic<Int>(0)
  /// The change this thread's latest traced write made to what it had read
  /// (`+n` or `-n`): what is lost when another thread overwrites it.
  let lastWriteChange = Atomic<Int>(0)
  /// On the run's clock: when the thread passed the start barrier, and when
  /// it ended (0: not yet), for a finished thread's own rate.
  let startedAt = Atomic<UInt64>(0)
  let endedAt = Atomic<UInt64>(0)
  /// The CPU time the thread used from its start, stored as it ends.
  let cpuNs = Atomic<UInt64>(0)
  private let trailingPad = PaddingLine()
  /// Step points in one iteration of the scenario's full-speed path.
  let stepsPerFullSpeedIteration: Int

  init(stepsPerFullSpeedIteration: Int = 0) {
    self.stepsPerFullSpeedIteration = stepsPerFullSpeedIteration
  }

  @inline(__always) func bump(_ counter: borrowing Atomic<Int>, by amount: Int = 1) {
    counter.store(counter.load(ordering: .relaxed) &+ amount, ordering: .relaxed)
  }

  /// Whether the thread's state now is (or is not) one that has ended.
  func state(isDone: Bool) -> Bool {
    (ThreadState(rawValue: state.load(ordering: .relaxed)) ?? .created).isDone == isDone
  }

  func set(_ newState: ThreadState) {
    state.store(newState.rawValue, ordering: .relaxed)
  }

  /// A copy of every counter, read without locking.
  func snapshot(index: Int, name: String) -> WorkerSnapshot {
    let fast = fullSpeedIterations.load(ordering: .relaxed)
    let started = startedAt.load(ordering: .relaxed)
    let ended = endedAt.load(ordering: .relaxed)
    var snapshot = WorkerSnapshot(
      index: index, name: name,
      state: ThreadState(rawValue: state.load(ordering: .relaxed)) ?? .created,
      steps: steps.load(ordering: .relaxed) + stepsPerFullSpeedIteration * fast,
      iterations: iterations.load(ordering: .relaxed) + fast,
      lostUpdates: lostUpdates.load(ordering: .relaxed),
      tid: Int32(truncatingIfNeeded: tid.load(ordering: .relaxed)),
      ident: ident.load(ordering: .relaxed),
      cpu: cpu.load(ordering: .relaxed),
      waitingFor: waitingFor.load(ordering: .relaxed),
      waitTicket: waitTicket.load(ordering: .relaxed))
    if started > 0, ended >= started {
      snapshot.span = started...ended
      snapshot.cpuNs = cpuNs.load(ordering: .relaxed)
    }
    return snapshot
  }
}

/// 64 bytes of nothing: keeps a hot field off its neighbours' cache lines.
struct PaddingLine: Sendable {
  let words: (Int, Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0, 0)
}

/// What one thread's counters said at one moment.
public struct WorkerSnapshot: Sendable, Equatable {
  /// 0 is the main thread; workers are 1...N.
  public var index: Int
  public var name: String
  public var state: ThreadState
  public var steps: Int
  public var iterations: Int
  public var lostUpdates: Int
  /// Kernel thread id (0 until the thread runs).
  public var tid: Int32
  /// pthread ident, as Python's `_thread.get_ident()`.
  public var ident: UInt
  /// The CPU core it last ran on, or -1.
  public var cpu: Int
  /// The lock it waits for, or -1.
  public var waitingFor: Int
  public var waitTicket: Int
  /// Once the thread has ended: from its start to its end, on the run's clock.
  public var span: ClosedRange<UInt64>?
  /// Once the thread has ended: the CPU time it used.
  public var cpuNs: UInt64?

  /// Once the thread has ended: how long it ran, on the run's clock.
  public var ranNs: UInt64? { span.map { $0.upperBound - $0.lowerBound } }

  public init(
    index: Int, name: String, state: ThreadState, steps: Int = 0, iterations: Int = 0,
    lostUpdates: Int = 0, tid: Int32 = 0, ident: UInt = 0, cpu: Int = -1,
    waitingFor: Int = -1, waitTicket: Int = 0
  ) {
    self.index = index
    self.name = name
    self.state = state
    self.steps = steps
    self.iterations = iterations
    self.lostUpdates = lostUpdates
    self.tid = tid
    self.ident = ident
    self.cpu = cpu
    self.waitingFor = waitingFor
    self.waitTicket = waitTicket
  }
}
