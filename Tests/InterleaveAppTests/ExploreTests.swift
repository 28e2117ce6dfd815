import Foundation
import Testing

@Suite("Explorer, as a user runs it")
struct ExploreTests {
  /// Every interleaving of the race's steps, simulated without threads: each
  /// worker k does read, write(+n_k), read, write(-n_k) per iteration on a
  /// shared balance. Returns the number of schedules and the final balances.
  static func simulateRace(amounts: [Int], iterations: Int) -> (count: Int, histogram: [Int: Int]) {
    let steps = 4 * iterations
    var histogram: [Int: Int] = [:]
    var count = 0
    func walk(_ done: [Int], _ registers: [Int], _ balance: Int) {
      if done.allSatisfy({ $0 == steps }) {
        count += 1
        histogram[balance, default: 0] += 1
        return
      }
      for thread in amounts.indices where done[thread] < steps {
        var done = done
        var registers = registers
        var balance = balance
        let position = done[thread] % 4
        switch position {
        case 0, 2: registers[thread] = balance
        case 1: balance = registers[thread] + amounts[thread]
        default: balance = registers[thread] - amounts[thread]
        }
        done[thread] += 1
        walk(done, registers, balance)
      }
    }
    walk(Array(repeating: 0, count: amounts.count), Array(repeating: 0, count: amounts.count), 0)
    return (count, histogram)
  }

  static func explore(_ arguments: [String]) throws -> (
    outcomes: [[String: Any]], summary: [String: Any]
  ) {
    let result = try Binary.run(["explore"] + arguments + ["--format", "jsonl"])
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let objects = result.stdout.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
    return (Array(objects.dropLast()), objects.last ?? [:])
  }

  @Test(
    "race, 2 threads x 1 and x 2 iterations: count and histogram match a simulation",
    arguments: [1, 2])
  func raceMatchesSimulation(iterations: Int) throws {
    let expected = Self.simulateRace(amounts: [5, 8], iterations: iterations)
    let (outcomes, summary) = try Self.explore([
      "race", "--threads", "2", "--iterations", "\(iterations)",
    ])
    #expect(summary["schedules"] as? Int == expected.count)
    var histogram: [Int: Int] = [:]
    for outcome in outcomes {
      histogram[outcome["balance"] as? Int ?? .min] = outcome["schedules"] as? Int
    }
    #expect(histogram == expected.histogram)
    #expect(expected.count == (iterations == 1 ? 70 : 12_870))
  }

  @Test(
    "locked and atomic: every schedule ends correct; the counts are the block orders and step interleavings",
    arguments: [("locked", 3, 2, 90), ("atomic", 2, 2, 70), ("coarse", 3, 1, 6)])
  func correctEverywhere(scenario: String, threads: Int, iterations: Int, schedules: Int) throws {
    let (outcomes, summary) = try Self.explore([
      scenario, "--threads", "\(threads)", "--iterations", "\(iterations)",
    ])
    #expect(outcomes.count == 1)
    let expected = scenario == "coarse" ? 10 * (1 + 10 + 100) : 0
    #expect(outcomes.first?["balance"] as? Int == expected)
    // locked: (T·I)! / (I!)^T orders of the critical sections; atomic: C(8, 4)
    // interleavings of 4 adds; coarse: T! orders of the whole loops.
    #expect(summary["schedules"] as? Int == schedules)
  }

  @Test("deadlock: the explorer shows which schedules deadlock, and a saved one replays it")
  func deadlockSchedules() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "explore-\(getpid())"
    ).path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let (outcomes, _) = try Self.explore(
      ["deadlock", "--threads", "2", "--iterations", "1", "--save-schedules", folder])
    let deadlock = try #require(outcomes.first { $0["outcome"] as? String == "deadlock" })
    #expect((deadlock["schedules"] as? Int ?? 0) > 0)
    #expect(outcomes.contains { $0["balance"] as? Int == 0 })
    let file = try #require(deadlock["file"] as? String)
    let replay = try Binary.run([
      "deadlock", "--threads", "2", "--iterations", "1", "--schedule-in", file, "--plain", "--lang",
      "en",
    ])
    #expect(replay.status == 0)
    #expect(replay.lines.contains { $0.hasPrefix("deadlock ") && $0.contains("holds") })
  }

  @Test("a configuration with too many schedules is refused with the count")
  func tooMany() throws {
    let result = try Binary.run(["explore", "race", "--threads", "2", "--iterations", "4"])
    #expect(result.status == 64)
    #expect(
      result.stderr
        == "interleave: error: race with 2 threads x 4 iterations has up to 601,080,390 schedules; the explorer stops at 50,000 (use fewer threads or iterations)\n"
    )
    // Counts past any integer are refused the same way, not with a crash.
    let huge = try Binary.run(["explore", "race", "--threads", "8", "--iterations", "1000"])
    #expect(huge.status == 64)
    #expect(
      huge.stderr.hasSuffix(
        "1000 iterations has more than 10^308 schedules; the explorer stops at 50,000 (use fewer threads or iterations)\n"
      ))
    let large = try Binary.run(["explore", "race", "--threads", "3", "--iterations", "4"])
    #expect(large.status == 64)
    #expect(large.stderr.contains("has up to about 10^21 schedules"))
  }

  @Test("seeded runs print the same transcript twice, and schedule files replay them")
  func seededPlain() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("seeded-\(getpid())")
      .path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let arguments = ["race", "--threads", "3", "--iterations", "20", "--plain", "--lang", "en"]
    let first = try Binary.run(
      arguments + ["--seed", "11", "--schedule-out", folder + "/s.schedule"])
    let second = try Binary.run(arguments + ["--seed", "11"])
    let replay = try Binary.run(arguments + ["--schedule-in", folder + "/s.schedule"])
    // Everything but the timings.
    func stable(_ text: String) -> [String] {
      text.split(separator: "\n").map(String.init).filter {
        !$0.hasPrefix("elapsed") && !$0.hasPrefix("operations") && !$0.contains("sleep")
      }
    }
    #expect(stable(first.stdout) == stable(second.stdout))
    #expect(stable(first.stdout) == stable(replay.stdout))
    #expect(first.stdout.contains("lost update"))
    let bad = try Binary.run([
      "race", "--threads", "2", "--iterations", "20", "--plain", "--schedule-in",
      folder + "/s.schedule",
    ])
    #expect(bad.status == 64)
    #expect(
      bad.stderr.contains(
        "--schedule-in \(folder)/s.schedule: line 1: the schedule is for 'race threads=3 iterations=20'"
      ))
  }
}
