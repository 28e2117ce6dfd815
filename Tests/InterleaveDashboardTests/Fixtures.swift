import InterleaveRuntime
import InterleaveText

@testable import InterleaveDashboard

/// States built the way the frame loop builds them, from events and samples.
enum Fixtures {
  static func state(
    _ scenario: Scenario, threads: Int, language: Language = .en, speed: Speed = .fast
  ) -> DashboardState {
    DashboardState(
      configuration: RunConfiguration(scenario: scenario, threads: threads, speed: speed),
      cores: 2, language: language)
  }

  static func workers(
    _ count: Int, state: ThreadState = .running, names: [String]? = nil, steps: Int = 40
  ) -> [WorkerSnapshot] {
    [WorkerSnapshot(index: 0, name: "MainThread", state: .waiting, tid: 100)]
      + (1...count).map {
        WorkerSnapshot(
          index: $0, name: names?[$0 - 1] ?? "Thread-\($0)", state: state, steps: steps * $0,
          iterations: steps / 4 * $0, tid: Int32(100 + $0), cpu: $0 % 2)
      }
  }

  static func sample(threads: Int, speed: Speed = .fast, elapsed: UInt64 = 1_000_000_000) -> Sample
  {
    Sample(elapsedNs: elapsed, threads: workers(threads), speed: speed)
  }

  /// A race of `threads` that has lost one update: Thread-1's write of 5 wiped
  /// out by Thread-2's 8, as the scheduler's steps 1-4 would have it.
  static func raceWithLostUpdate(threads: Int = 2, language: Language = .en) -> DashboardState {
    var state = Fixtures.state(.race, threads: threads, language: language)
    state.apply(sample(threads: threads))
    let steps: [(Int, EventKind)] = [
      (1, .read(value: 0)), (2, .read(value: 0)), (1, .write(value: 5)), (2, .write(value: 8)),
      (2, .lostUpdate(LostUpdate(victim: 1, readValue: 0, overwritten: 5, written: 8))),
    ]
    for (offset, step) in steps.enumerated() {
      state.apply(Event(time: UInt64(offset), thread: step.0, kind: step.1))
    }
    var counters = workers(threads)
    counters[2].lostUpdates = 1
    state.apply(Sample(elapsedNs: 1_000_000_000, threads: counters, speed: .fast, lostUpdates: 1))
    return state
  }
}
