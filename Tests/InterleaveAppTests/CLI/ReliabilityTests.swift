import Foundation
import InterleaveRuntime
import Testing

@Suite("Reliability")
struct ReliabilityTests {
  @Test(
    "500 scenario switches with 16 threads, deadlocks included: threads and descriptors return to baseline"
  )
  func switches() throws {
    // In a process of its own, so other tests' threads and pipes do not move the counts.
    let bench = Binary.url.deletingLastPathComponent().appendingPathComponent("interleave-bench")
    let process = Process()
    process.executableURL = bench
    process.arguments = ["--switches", "500"]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Int])
    #expect(report["runs"] == 500)
    // Every scenario in turn, each deadlock run found deadlocked.
    let deadlock = try #require(Scenario.all.firstIndex(of: .deadlock))
    #expect(report["deadlocks"] == (0..<500).filter { $0 % Scenario.all.count == deadlock }.count)
    // A cancel never hangs. How quick it is (under 1 s: cancels_over_1s) is
    // a benchmark's business: on a shared machine, under a sanitizer, with
    // the other tests running, a few take longer.
    #expect(report["cancels_over_10s"] == 0, "\(report)")
    #expect(report["tasks_after"] == report["tasks_before"], "threads left behind: \(report)")
    #expect(
      report["descriptors_after"] == report["descriptors_before"],
      "descriptors left open: \(report)")
  }
}
