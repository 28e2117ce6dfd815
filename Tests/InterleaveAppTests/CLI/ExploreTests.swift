import Foundation
import Testing

@testable import InterleaveApp

@Suite("Explorer, as a user runs it")
struct ExploreTests {
  /// Every interleaving of the race's steps, walked one by one without the
  /// explorer's model: each worker k does read, write(+n_k), read,
  /// write(-n_k) per iteration on a shared balance.
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
        switch done[thread] % 4 {
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
    "race, 2 threads x 1 and x 2 iterations: count and histogram match a walk over every schedule",
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
    if iterations == 1 {
      #expect(outcomes.map { $0["schedules"] as? Int } == [8, 8, 4, 30, 4, 8, 8])
    }
  }

  @Test("race, 3 threads x 2 iterations: all 9,465,511,770 schedules counted, as text")
  func raceThreeByTwo() throws {
    let result = try Binary.run(["explore", "race", "--threads", "3", "--iterations", "2"])
    #expect(result.status == 0, "stderr: \(result.stderr)")
    #expect(
      result.lines.first?.hasPrefix(
        "race, 3 threads x 2 iterations: 9,465,511,770 schedules, 59 outcomes") == true)
    #expect(result.lines.contains { $0.hasPrefix("balance 0 (correct)") })
    #expect(
      result.stdout.contains("Each simplest schedule ran on real threads and ended as counted."))
    #expect(result.stdout.contains("  interleave race --threads 3 --iterations 2 --schedule '"))
  }

  @Test("counts past 2^53 are strings in JSON, exact")
  func bigCountsAsStrings() throws {
    let (outcomes, summary) = try Self.explore([
      "race", "--threads", "2", "--iterations", "8", "--no-replay",
    ])
    #expect(summary["schedules"] as? String == "1832624140942590534")
    // 64! / (32!)^2: the ways to interleave two threads of 32 steps each.
    #expect(outcomes.count == summary["outcomes"] as? Int)
    #expect(outcomes.contains { $0["schedules"] is String })
    #expect(outcomes.contains { $0["schedules"] is Int })
  }

  @Test(
    "every outcome's simplest schedule replays on real threads, and its command reruns it",
    arguments: [("race", 2, 2), ("deadlock", 2, 1), ("locked", 2, 2)])
  func witnessesReplay(scenario: String, threads: Int, iterations: Int) throws {
    let (outcomes, summary) = try Self.explore([
      scenario, "--threads", "\(threads)", "--iterations", "\(iterations)",
    ])
    #expect(summary["agree"] as? Bool == true)
    #expect(!outcomes.isEmpty)
    for outcome in outcomes {
      #expect(outcome["replayed"] as? String == outcome["outcome"] as? String)
      #expect((outcome["preemptions"] as? Int ?? -1) >= 0)
    }
    // The printed command, run as printed (plain mode), ends as counted.
    for outcome in outcomes.prefix(3) {
      let witness = try #require(outcome["witness"] as? String)
      let run = try Binary.run([
        scenario, "--threads", "\(threads)", "--iterations", "\(iterations)", "--schedule",
        witness, "--plain", "--lang", "en",
      ])
      #expect(run.status == 0, "stderr: \(run.stderr)")
      if let balance = outcome["balance"] as? Int {
        #expect(run.lines.contains { $0.hasPrefix("balance       \(balance)") }, "\(run.stdout)")
      } else {
        #expect(run.lines.contains { $0.hasPrefix("deadlock ") })
      }
    }
  }

  @Test("--replay-all runs every schedule on real threads: the same histogram as the count")
  func replayAll() throws {
    for scenario in ["race", "deadlock"] {
      let (outcomes, summary) = try Self.explore([scenario, "--replay-all"])
      #expect(summary["agree"] as? Bool == true)
      for outcome in outcomes {
        #expect(outcome["replayed_all"] as? Int == outcome["schedules"] as? Int)
      }
    }
    let refused = try Binary.run(["explore", "race", "--iterations", "3", "--replay-all"])
    #expect(refused.status == 64)
    #expect(
      refused.stderr
        == "interleave: error: --replay-all runs every schedule on real threads: race with 2 threads x 3 iterations has 2,704,156, at most 50,000\n"
    )
  }

  @Test("--observe N: N seeded and N full-speed runs counted beside the prediction")
  func observe() throws {
    let (outcomes, summary) = try Self.explore(["race", "--observe", "12", "--no-replay"])
    #expect(summary["observed"] as? Int == 12)
    #expect(outcomes.reduce(0) { $0 + ($1["seeded"] as? Int ?? 0) } == 12)
    #expect(outcomes.reduce(0) { $0 + ($1["full_speed"] as? Int ?? 0) } == 12)
    // Nothing real threads did is outside the count.
    #expect(outcomes.allSatisfy { ($0["schedules"] as? Int ?? 0) > 0 })
    let text = try Binary.run(["explore", "race", "--observe", "5", "--no-replay"])
    #expect(text.lines[2].contains("seeded") && text.lines[2].contains("full speed"))
    #expect(text.stdout.contains("Possible is not common: 5 full-speed runs"))
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
    #expect(deadlock["schedules"] as? Int == 6)
    #expect(deadlock["preemptions"] as? Int == 1)
    #expect(outcomes.contains { $0["balance"] as? Int == 0 })
    let file = try #require(deadlock["file"] as? String)
    let replay = try Binary.run([
      "deadlock", "--threads", "2", "--iterations", "1", "--schedule-in", file, "--plain", "--lang",
      "en",
    ])
    #expect(replay.status == 0)
    #expect(replay.lines.contains { $0.hasPrefix("deadlock ") && $0.contains("holds") })
  }

  @Test("saved schedules get a file each, named by the outcome with its sign")
  func savedNames() throws {
    let folder = NSTemporaryDirectory() + "interleave-names-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let (outcomes, summary) = try Self.explore(
      ["race", "--threads", "2", "--iterations", "1", "--save-schedules", folder, "--no-replay"])
    // Nothing ran on real threads, so nothing is said to agree.
    #expect(summary["agree"] is NSNull)
    let files = outcomes.compactMap { $0["file"] as? String }
    #expect(files.count == outcomes.count)
    #expect(Set(files).count == files.count)
    for outcome in outcomes {
      let balance = try #require(outcome["balance"] as? Int)
      let file = try #require(outcome["file"] as? String)
      #expect(file.hasSuffix("race-2x1-balance_\(balance).schedule"))
      #expect(FileManager.default.fileExists(atPath: file))
    }
  }

  @Test("sizes too large are refused with their state count, before or while counting")
  func tooLarge() throws {
    let huge = try Binary.run(["explore", "race", "--threads", "8", "--iterations", "1000"])
    #expect(huge.status == 64)
    #expect(
      huge.stderr
        == "interleave: error: race with 8 threads x 1000 iterations has at least about 10^28 states (the places its threads can be at together); the explorer stops at 16,000,000 (use fewer threads or iterations)\n"
    )
    // A billion states (about 100 GB), more than this machine holds: refused from what
    // /proc/meminfo says is available. (An address-space limit cannot be
    // set on the binary here: the sanitizer builds need the whole space.)
    let limited = try Binary.run(["explore", "race", "--max-states", "1000000000"])
    #expect(limited.status == 64, "\(limited.stderr)")
    #expect(limited.stderr.contains("GB this process may use"), "\(limited.stderr)")
    #expect(limited.stdout.isEmpty, "nothing was counted")
    // The address-space limit counts when it is the smaller.
    let meminfo = "MemTotal:       24000000 kB\nMemAvailable:   20000000 kB\n"
    #expect(
      ExploreCommand.memoryBudget(addressSpace: 2_000_000_000, meminfo: meminfo) == 2_000_000_000)
    #expect(
      ExploreCommand.memoryBudget(addressSpace: nil, meminfo: meminfo) == 20_000_000 * 1024)
    #expect(ExploreCommand.memoryBudget(addressSpace: nil, meminfo: "garbage") == nil)
    let folder = try Binary.run(
      ["explore", "race", "--threads", "3", "--iterations", "3", "--save-schedules", "/proc/x"])
    #expect(folder.status == 64, "\(folder.stderr)")
    #expect(folder.stderr.contains("--save-schedules /proc/x: cannot create the folder"))
    #expect(folder.stdout.isEmpty, "nothing was counted")
  }
}
