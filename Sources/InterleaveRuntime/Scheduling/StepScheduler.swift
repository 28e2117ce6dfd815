import InterleavePlatform

/// Lets exactly one thread run one step at a time, the next one chosen by a
/// `ScheduleChooser` among the runnable threads.
///
/// A choice is made only once every live worker is parked at a step point,
/// so the order depends on the chooser alone, never on the OS. A thread that
/// blocks on a primitive that would not let it through is not runnable; when
/// nobody is runnable but some wait, that is a deadlock, found exactly.
public final class StepScheduler: Sendable {
  private let mutex = PThreadMutex()
  private let state: LockedState
  /// Every thread chosen so far, in order (the first `orderLimit` of them).
  public var order: [Int] { mutex.withLock { state.order.map { Int($0) + 1 } } }
  /// Whether `order` holds every step: a run past `orderLimit` steps keeps
  /// counting them, but not their order.
  public var orderIsComplete: Bool { mutex.withLock { state.order.count == state.steps } }
  /// The most steps whose order is kept, a byte each (64 MiB): a seeded run
  /// of any length stays within a bound.
  public static let orderLimit = 64 << 20
  /// Why the schedule stopped early (a replay that does not fit), if it did.
  public var failure: ScheduleError? { mutex.withLock { state.failure } }
  /// Whether nobody could run while some waited.
  public var deadlocked: Bool { mutex.withLock { state.deadlocked } }
  /// Whether every live thread is parked and none chosen: the chooser is
  /// waiting to be told (a driver's next key).
  public var awaitsChoice: Bool {
    mutex.withLock {
      state.current == nil && !state.live.isEmpty && state.parked.count == state.live.count
        && !state.deadlocked && state.failure == nil
    }
  }

  /// - Parameter workers: the worker indices (1...N).
  public init(chooser: ScheduleChooser, workers: Int) {
    state = LockedState(chooser: chooser, live: Set(1...workers))
  }

  /// Ends the caller's turn and waits for its next one.
  /// - Returns: the 1-based number of the step the caller may now take.
  /// - Parameters:
  ///   - wants: the primitive this step blocks on, if it may block.
  ///   - isAvailable: whether a primitive would let a thread through now
  ///     (primitive, thread).
  ///   - onDeadlock: called (mutex held) when nobody can run.
  func awaitTurn(
    _ thread: Int, wants primitive: Int?, isAvailable: (Int, Int) -> Bool, cancelled: () -> Bool,
    onDeadlock: ([Int: Int]) -> Void
  ) throws(Cancelled) -> Int {
    mutex.lock()
    defer { mutex.unlock() }
    if state.current == thread { state.current = nil }
    state.parked[thread] = primitive ?? -1
    decide(isAvailable: isAvailable, onDeadlock: onDeadlock)
    while state.current != thread {
      if cancelled() || state.failure != nil {
        state.parked[thread] = nil
        throw Cancelled()
      }
      mutex.wait(until: MonotonicClock.now() + 50_000_000)
      // Nobody chosen yet: a driver may have named the next thread since.
      if state.current == nil {
        decide(isAvailable: isAvailable, onDeadlock: onDeadlock)
      }
    }
    state.parked[thread] = nil
    return state.steps
  }

  /// The caller has ended; the next thread may be chosen.
  func exit(_ thread: Int, isAvailable: (Int, Int) -> Bool, onDeadlock: ([Int: Int]) -> Void) {
    mutex.lock()
    defer { mutex.unlock() }
    if state.current == thread { state.current = nil }
    state.live.remove(thread)
    state.parked[thread] = nil
    decide(isAvailable: isAvailable, onDeadlock: onDeadlock)
  }

  /// Wakes every parked thread (to see a cancel).
  func wakeAll() { mutex.withLock { mutex.broadcast() } }

  /// Driving: `threads` take the next steps, in order, each as soon as the
  /// one before has ended (a chooser other than `DriveChooser` ignores it).
  public func take(_ threads: [Int]) {
    mutex.lock()
    defer { mutex.unlock() }
    guard let drive = state.chooser as? DriveChooser else { return }
    drive.append(threads)
    // A parked worker wakes and decides again (it has what deciding needs).
    mutex.broadcast()
  }

  /// Chooses the next thread once every live one is parked.
  private func decide(isAvailable: (Int, Int) -> Bool, onDeadlock: ([Int: Int]) -> Void) {
    guard state.current == nil, !state.live.isEmpty, state.parked.count == state.live.count,
      state.failure == nil, !state.deadlocked
    else { return }
    let runnable = state.parked.filter { $0.value < 0 || isAvailable($0.value, $0.key) }.keys
      .sorted()
    guard !runnable.isEmpty else {
      state.deadlocked = true
      onDeadlock(state.parked)
      return
    }
    do {
      guard let chosen = try state.chooser.choose(among: runnable, step: state.steps) else {
        return
      }
      state.steps += 1
      // Threads are 1...256: one byte each.
      if state.order.count < Self.orderLimit { state.order.append(UInt8(chosen - 1)) }
      state.current = chosen
    } catch {
      state.failure = error
    }
    mutex.broadcast()
  }

  /// The scheduler's bookkeeping, touched only with `mutex` held.
  ///
  /// `@unchecked Sendable`: every access is inside `mutex`.
  private final class LockedState: @unchecked Sendable {
    let chooser: ScheduleChooser
    var live: Set<Int>
    /// Parked threads and the primitive each blocks on (-1 for none).
    var parked: [Int: Int] = [:]
    var current: Int?
    var order: [UInt8] = []
    var steps = 0
    var failure: ScheduleError?
    var deadlocked = false

    init(chooser: ScheduleChooser, live: Set<Int>) {
      self.chooser = chooser
      self.live = live
    }
  }
}
