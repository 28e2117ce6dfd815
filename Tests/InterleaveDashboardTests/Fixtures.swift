import InterleaveRuntime

@testable import InterleaveDashboard

/// States built the way the frame loop builds them, from events and samples.
enum Fixtures {
  static func state(
    _ scenario: Scenario, threads: Int, language: Language = .en, names: [String]? = nil
  ) -> DashboardState {
    let configuration = RunConfiguration(scenario: scenario, threads: threads, speed: .fast)
    let workerNames =
      names
      ?? (1...threads).map {
        ThreadName.worker($0, of: threads, scenario: scenario, chinese: language == .zh)
      }
    return DashboardState(
      configuration: configuration, names: [ThreadName.main] + workerNames,
      lockNames: scenario == .deadlock
        ? ["A", "B"] : (scenario == .locked || scenario == .coarse ? ["lock"] : []),
      cores: 2, language: language)
  }

  static func workers(_ count: Int, state: ThreadState = .running, names: [String]? = nil)
    -> [WorkerSnapshot]
  {
    [WorkerSnapshot(index: 0, name: ThreadName.main, state: .waiting, tid: 100)]
      + (1...count).map {
        WorkerSnapshot(
          index: $0, name: names?[$0 - 1] ?? "Thread-\($0)", state: state, steps: 40 * $0,
          iterations: 10 * $0, tid: Int32(100 + $0), cpu: $0 % 2)
      }
  }
}
