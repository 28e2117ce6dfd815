/// Which thread `n` (and space) steps next, with `time.sleep` keeping the
/// time it asks for on a clock of its own: a thread that sleeps waits
/// while others can go, and when none can, the one that wakes first goes
/// (the clock moves on to its waking). Stepped, a sleep is one step, yet
/// the tutorial's `time.sleep(3)` is what lets its threads finish first.
/// A thread stepped by its digit while asleep has slept enough: the clock
/// moves on to its waking.
enum SleepClock {
  /// The next thread: the first awake after `turn` among `runnable`, in
  /// turn; else the sleeper that wakes first.
  /// - Parameters:
  ///   - taken: the steps taken so far, by slot;
  ///   - slept: beside each, the seconds it slept (nil: not a sleep).
  static func next(runnable: [Int], turn: Int, taken: [Int], slept: [Double?]) -> Int? {
    guard !runnable.isEmpty else { return nil }
    var clock = 0.0
    var wakes: [Int: Double] = [:]
    for (slot, seconds) in zip(taken, slept) {
      if let wake = wakes.removeValue(forKey: slot) { clock = max(clock, wake) }
      if let seconds { wakes[slot] = clock + max(0, seconds) }
    }
    let awake = runnable.filter { (wakes[$0] ?? 0) <= clock }
    if !awake.isEmpty { return awake.first { $0 > turn } ?? awake[0] }
    return runnable.min { (wakes[$0] ?? 0, $0) < (wakes[$1] ?? 0, $1) }
  }
}
