import Foundation
import InterleavePlatform
import InterleaveTestSupport
import Testing

@testable import InterleaveRuntime

@Suite("OS threads")
struct ThreadNameTests {
  @Test("worker and main thread names appear in /proc/self/task/*/comm")
  func namesInProc() throws {
    let run = Run(RunConfiguration(scenario: .race, threads: 3, iterations: 5), paused: true)
    defer { run.cancel() }
    var names: Set<String> = []
    let wanted: Set<String> = ["MainThread", "Thread-1", "Thread-2", "Thread-3"]
    // A thread names itself, then records its tid: wait for both.
    func ready() -> Bool { wanted.isSubset(of: names) && run.threads().allSatisfy { $0.tid > 0 } }
    Wait.until(5) {
      let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
      names = Set(
        tasks.compactMap {
          // TextFile, not Foundation: Foundation's reader leaks on /proc files.
          try? TextFile.read("/proc/self/task/\($0)/comm")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        })
      return ready()
    }
    #expect(wanted.isSubset(of: names))
    let tids = run.threads().map(\.tid)
    #expect(tids.allSatisfy { $0 > 0 })
    #expect(Set(tids).count == 4)
  }
}
