import InterleaveRuntime
import Synchronization

/// The full-speed race with its step points and counters, against the same
/// loop with nothing but the relaxed loads and stores.
enum RaceOverheadBenchmark {
  static func withStepPoints(iterations: Int) -> Double {
    let run = Run(RunConfiguration(scenario: .race, threads: 2, iterations: iterations))
    run.wait()
    return Double(run.elapsed) / 1e9
  }

  /// Two threads behind a barrier doing read, write, read, write on one
  /// atomic word, as the race does, with no step points.
  static func bare(iterations: Int) -> Double {
    let balance = Atomic<Int>(0)
    let arrived = Atomic<Int>(0)
    let start = MonotonicClock.now()
    let threads = [5, 8].compactMap { amount in
      OSThread.spawn {
        arrived.add(1, ordering: .relaxed)
        while arrived.load(ordering: .relaxed) < 2 {}
        for _ in 0..<iterations {
          let a = balance.load(ordering: .relaxed)
          balance.store(a + amount, ordering: .relaxed)
          let b = balance.load(ordering: .relaxed)
          balance.store(b - amount, ordering: .relaxed)
        }
      }
    }
    threads.forEach { $0.join() }
    return Double(MonotonicClock.now() - start) / 1e9
  }
}
