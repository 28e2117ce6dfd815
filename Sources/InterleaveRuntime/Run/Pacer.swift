import InterleavePlatform
import Synchronization

/// Decides when a thread may take its next step: full speed, a delay per
/// step, paused (with single steps), or cancelled.
///
/// At full speed a step point costs one relaxed load of `mode`; everything
/// else happens in `slowPath`, the one place a future seeded scheduler gates.
public final class Pacer: Sendable {
  /// `mode` values. Anything but `full` sends step points to the slow path.
  enum Mode: Int {
    case full = 0
    case paced = 1
    case paused = 2
    case cancelled = 3
    /// No delay, but a scheduler picks every step: step points leave the
    /// fast path, and the pacer itself lets them go at once.
    case scheduled = 4
  }

  private let leadingPad = PaddingLine()
  /// Read by every step point: kept on a cache line nothing writes during a run.
  let mode = Atomic<Int>(Mode.full.rawValue)
  private let trailingPad = PaddingLine()
  private let delay = Atomic<UInt64>(0)
  private let paused = Atomic<Bool>(false)
  private let cancelledFlag = Atomic<Bool>(false)
  private let permits = Atomic<Int>(0)
  private let everFull = Atomic<Bool>(false)
  /// When the current pause began (0: not paused), and all earlier pauses.
  private let pausedSince = Atomic<UInt64>(0)
  private let pausedBefore = Atomic<UInt64>(0)
  private let parked = Atomic<Int>(0)
  /// While set, a paced step also needs a token (see `lockstep`).
  private let inLockstep = Atomic<Bool>(false)
  private let tokens = Atomic<Int>(0)
  private let gate = PThreadMutex()
  /// Whether a scheduler gates every step (so `mode` is never `full`).
  private let scheduled: Bool

  /// - Parameters:
  ///   - scheduled: a scheduler picks every step; `full` speed then means no
  ///     delay, with every step still going through the slow path.
  ///   - origin: when the run's clock starts (a pause from the start counts
  ///     from there).
  public init(
    speed: Speed, paused: Bool = false, scheduled: Bool = false,
    origin: UInt64 = MonotonicClock.now()
  ) {
    self.scheduled = scheduled
    self.paused.store(paused, ordering: .relaxed)
    if paused { pausedSince.store(origin, ordering: .relaxed) }
    set(speed)
  }

  /// The delay per step now.
  public var speed: Speed {
    let ns = delay.load(ordering: .relaxed)
    return ns == 0 ? .full : .delay(ns)
  }

  public var isPaused: Bool { paused.load(ordering: .relaxed) }
  public var isCancelled: Bool { cancelledFlag.load(ordering: .relaxed) }
  /// Whether any step may have run at full speed (so lost updates went uncounted).
  public var ranAtFullSpeed: Bool { everFull.load(ordering: .relaxed) }

  public func set(_ speed: Speed) {
    gate.withLock {
      delay.store(speed.nanoseconds, ordering: .relaxed)
      updateMode()
    }
  }

  public func pause() {
    gate.withLock {
      if !paused.load(ordering: .relaxed) {
        pausedSince.store(MonotonicClock.now(), ordering: .sequentiallyConsistent)
      }
      paused.store(true, ordering: .relaxed)
      updateMode()
    }
  }

  public func resume() {
    gate.withLock {
      if paused.load(ordering: .relaxed) {
        // `pausedBefore` grows before `pausedSince` clears: a reader that
        // sees it unchanged on both sides of reading `pausedSince` has a
        // consistent pair (see `pausedTime`).
        let since = pausedSince.load(ordering: .relaxed)
        pausedBefore.add(max(1, MonotonicClock.now() &- since), ordering: .sequentiallyConsistent)
        pausedSince.store(0, ordering: .sequentiallyConsistent)
      }
      paused.store(false, ordering: .relaxed)
      updateMode()
    }
  }

  /// Threads held at a step point by the pause, with no step to take: while
  /// this equals the live threads and no step is allowed, nothing can move.
  public var parkedThreads: Int { gate.withLock { parked.load(ordering: .relaxed) } }

  /// The monotonic clock less every pause so far. Hold and wait times are
  /// measured on it, so a pause never counts as time a lock was held or
  /// waited for. Two relaxed loads until the run is first paused.
  public func activeNow() -> UInt64 {
    let now = MonotonicClock.now()
    // Read after `now`: both zero means no pause had begun by then.
    if pausedSince.load(ordering: .sequentiallyConsistent) == 0,
      pausedBefore.load(ordering: .sequentiallyConsistent) == 0
    {
      return now
    }
    return now &- pausedTime(until: now)
  }

  /// Nanoseconds spent paused up to `now` (the current pause included).
  /// Lock-free, so that timing a hold or a wait never makes the workers
  /// queue on the pacer's mutex: `pausedBefore` only grows, and a resume
  /// grows it before it clears `pausedSince`, so an unchanged `pausedBefore`
  /// read on both sides of `pausedSince` means the two belong together.
  public func pausedTime(until now: UInt64) -> UInt64 {
    while true {
      let before = pausedBefore.load(ordering: .sequentiallyConsistent)
      let since = pausedSince.load(ordering: .sequentiallyConsistent)
      guard pausedBefore.load(ordering: .sequentiallyConsistent) == before else { continue }
      let current = since == 0 ? 0 : now &- min(now, since)
      return before &+ current
    }
  }

  /// Lets `count` more steps run while paused.
  public func allowSteps(_ count: Int = 1) {
    gate.withLock {
      permits.add(count, ordering: .relaxed); updateMode()
    }
  }

  /// Paced steps in lockstep with an observer: while on, a paced step runs
  /// only on a token that `letOneStep` gives, so an observer that looks
  /// between tokens sees every step before the next one (a lesson pausing
  /// at an event pauses there on a loaded machine too). Off: the pace alone.
  /// Only the observer's thread calls this and `letOneStep`, so each reads
  /// `inLockstep` first without the mutex, and a frame that changes
  /// nothing never takes it.
  public func lockstep(_ on: Bool) {
    guard inLockstep.load(ordering: .relaxed) != on else { return }
    gate.withLock {
      guard inLockstep.load(ordering: .relaxed) != on else { return }
      inLockstep.store(on, ordering: .relaxed)
      tokens.store(0, ordering: .relaxed)
      gate.broadcast()
    }
  }

  /// In lockstep, lets the next paced step that is due run (one at most
  /// outstanding: tokens do not pile up while nobody is due).
  public func letOneStep() {
    guard inLockstep.load(ordering: .relaxed) else { return }
    gate.withLock {
      guard inLockstep.load(ordering: .relaxed), tokens.load(ordering: .relaxed) == 0 else {
        return
      }
      tokens.store(1, ordering: .relaxed)
      gate.broadcast()
    }
  }

  /// Makes every step point throw `Cancelled` from now on.
  public func cancel() {
    gate.withLock {
      cancelledFlag.store(true, ordering: .relaxed); updateMode()
    }
  }

  /// Called with `gate` held whenever an input changes; wakes every waiter.
  private func updateMode() {
    let next: Mode
    if cancelledFlag.load(ordering: .relaxed) {
      next = .cancelled
    } else if paused.load(ordering: .relaxed) {
      next = .paused
    } else if delay.load(ordering: .relaxed) > 0 {
      next = .paced
    } else if scheduled {
      next = .scheduled
    } else {
      next = .full
      everFull.store(true, ordering: .relaxed)
    }
    mode.store(next.rawValue, ordering: .relaxed)
    gate.broadcast()
  }

  /// Waits until this step may run.
  /// - Returns: whether the step should be traced (not at full speed).
  func slowPath() throws(Cancelled) -> Bool {
    gate.lock()
    defer { gate.unlock() }
    var deadline: UInt64?
    while true {
      switch Mode(rawValue: mode.load(ordering: .relaxed)) ?? .full {
      case .cancelled:
        throw Cancelled()
      case .full, .scheduled:
        return false
      case .paused:
        deadline = nil
        if permits.load(ordering: .relaxed) > 0 {
          permits.subtract(1, ordering: .relaxed)
          return true
        }
        parked.add(1, ordering: .relaxed)
        gate.wait()
        parked.subtract(1, ordering: .relaxed)
      case .paced:
        let now = MonotonicClock.now()
        let due = deadline ?? now + delay.load(ordering: .relaxed)
        deadline = due
        if now < due {
          gate.wait(until: due)
        } else if !inLockstep.load(ordering: .relaxed) {
          return true
        } else if tokens.load(ordering: .relaxed) > 0 {
          tokens.subtract(1, ordering: .relaxed)
          return true
        } else {
          gate.wait()
        }
      }
    }
  }
}
