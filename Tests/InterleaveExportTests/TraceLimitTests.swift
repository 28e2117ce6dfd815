import Foundation
import InterleaveRuntime
import InterleaveText
import Testing

@testable import InterleaveExport

/// A trace of any length stays within its bound and says, in the file,
/// what it left out.
@Suite("Trace bound")
struct TraceLimitTests {
  @Test("past its limit a trace keeps its first events, counts the rest and says so")
  func cut() throws {
    let configuration = RunConfiguration(scenario: .race, threads: 2)
    var trace = TraceBuilder(byteLimit: 20_000)
    trace.begin(
      title: "race", transcript: Transcript(configuration, language: .en), offset: 0)
    for step in 0..<10_000 {
      trace.add(Event(time: UInt64(step) * 1_000, thread: 1 + step % 2, kind: .read(value: step)))
    }
    #expect(trace.count < 300, "\(trace.count) events kept")
    #expect(trace.leftOut + trace.count >= 10_000)
    let document = trace.document(traced: true, speed: "fast")
    #expect(document.utf8.count < 30_000)
    let json = try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any]
    let other = try #require(json?["otherData"] as? [String: Any])
    #expect(other["cut"] as? Bool == true)
    #expect(other["left_out_events"] as? Int == trace.leftOut)
    #expect((other["cut_note"] as? String)?.contains("more were left out") == true)
    // A trace within its limit says nothing of the kind.
    var whole = TraceBuilder()
    whole.begin(title: "race", transcript: Transcript(configuration, language: .en), offset: 0)
    whole.add(Event(time: 1, thread: 1, kind: .read(value: 0)))
    #expect(!whole.document(traced: true, speed: "fast").contains("\"cut\""))
  }
}
