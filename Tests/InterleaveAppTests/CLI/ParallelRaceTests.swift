import InterleaveTestSupport
import Testing

/// The race that the whole program exists to show: at full speed, on two
/// cores, the balance comes out wrong, run after run.
@Suite("The full-speed race shows")
struct ParallelRaceTests {
  @Test(
    "race --threads 2 --plain drifts, run after run (see RaceOdds for how often)")
  func drifts() throws {
    var drifted = 0
    var runs = 0
    while drifted < RaceOdds.drifting && runs < RaceOdds.runs {
      runs += 1
      let result = try Binary.run(["race", "--threads", "2", "--plain", "--lang", "en"])
      #expect(result.status == 0)
      let balance = try #require(result.lines.first { $0.hasPrefix("balance ") })
      if !balance.contains("(expected 0, correct)") { drifted += 1 }
    }
    #expect(drifted >= RaceOdds.drifting, "only \(drifted) of \(runs) runs drifted")
  }
}
