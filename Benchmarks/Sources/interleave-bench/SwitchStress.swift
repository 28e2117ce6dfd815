import Foundation
import InterleaveDashboard
import InterleavePlatform
import InterleaveRuntime
import InterleaveText

/// Starts and cancels `count` runs of 16 threads, every scenario in turn,
/// real deadlocks included, and reports the process's threads and open
/// descriptors before and after (in a process of its own, so nothing else
/// moves the counts).
enum SwitchStress {
  static func tasks() -> Int {
    (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count) ?? -1
  }

  static func descriptors() -> Int {
    (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? -1
  }

  static func run(count: Int) -> JSONValue {
    // One small run first, so a thread some runtime starts once and keeps
    // (ThreadSanitizer's background thread) is part of the baseline.
    Run(RunConfiguration(scenario: .loop, threads: 1, speed: .full)).wait()
    let tasksBefore = tasks()
    let descriptorsBefore = descriptors()
    var slow = 0
    var stuck = 0
    var slowByScenario: [String: Int] = [:]
    var deadlocks = 0
    for index in 0..<count {
      let scenario = Scenario.all[index % Scenario.all.count]
      let run = Run(
        RunConfiguration(
          scenario: scenario, threads: 16, iterations: 1_000_000,
          speed: index % 3 == 0 ? .full : .fast))
      if scenario == .deadlock {
        let start = MonotonicClock.now()
        while run.deadlock == nil && MonotonicClock.now() - start < 2_000_000_000 { usleep(500) }
        if run.deadlock != nil { deadlocks += 1 }
      } else {
        usleep(UInt32(200 + index % 7 * 300))
      }
      let start = MonotonicClock.now()
      run.cancel()
      let took = MonotonicClock.now() - start
      if took > 10_000_000_000 { stuck += 1 }
      if took > 1_000_000_000 {
        slow += 1
        slowByScenario[scenario.id, default: 0] += 1
      }
    }
    return .object(
      [
        ("runs", .int(count)), ("deadlocks", .int(deadlocks)), ("cancels_over_1s", .int(slow)),
        ("cancels_over_10s", .int(stuck)),
        ("tasks_before", .int(tasksBefore)), ("tasks_after", .int(tasks())),
        ("descriptors_before", .int(descriptorsBefore)),
        ("descriptors_after", .int(descriptors())),
      ]
        + slowByScenario.sorted { $0.key < $1.key }.map {
          ("slow_cancels_\($0.key)", .int($0.value))
        })
  }
}
