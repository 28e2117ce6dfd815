import Foundation
import InterleaveRuntime
import Testing

@Suite("Reliability")
struct ReliabilityTests {
  static func descriptorCount() -> Int {
    (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? -1
  }

  static func liveTasks() -> Set<Int32> {
    Set(
      ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []).compactMap {
        Int32($0)
      })
  }

  /// Waits up to 10 s for `check` (other tests in this process come and go).
  static func eventually(_ check: () -> Bool) -> Bool {
    for _ in 0..<200 {
      if check() { return true }
      usleep(50_000)
    }
    return check()
  }

  @Test(
    "500 scenario switches with 16 threads, deadlocks included: threads and descriptors return to baseline"
  )
  func switches() {
    let descriptorsBefore = Self.descriptorCount()
    var runThreads: Set<Int32> = []
    let scenarios = Scenario.allCases
    for index in 0..<500 {
      let scenario = scenarios[index % scenarios.count]
      let run = Run(
        RunConfiguration(
          scenario: scenario, threads: 16, iterations: 1_000_000,
          speed: index % 3 == 0 ? .full : .fast))
      if scenario == .deadlock {
        // Switch away from a real deadlock, as the dashboard's keys do.
        let start = MonotonicClock.now()
        while run.deadlock == nil && MonotonicClock.now() - start < 2_000_000_000 { usleep(500) }
      } else {
        usleep(UInt32(200 + index % 7 * 300))
      }
      run.cancel()
      #expect(run.threads().allSatisfy { $0.state.isDone })
      runThreads.formUnion(run.threads().map(\.tid).filter { $0 > 0 })
    }
    // Every thread the 500 runs made has ended (other tests' threads are not counted).
    #expect(runThreads.count > 500 * 16 / 2)
    #expect(
      Self.eventually { Self.liveTasks().isDisjoint(with: runThreads) }, "threads left behind")
    #expect(
      Self.eventually { Self.descriptorCount() <= descriptorsBefore }, "descriptors left open")
  }
}
