import Foundation
import InterleavePlatform
import InterleaveRuntime
import InterleaveTestSupport
import Testing

@testable import InterleaveApp

/// The scenarios beyond the seed, as a user runs them: each one's promise
/// checked on real threads (and real child processes).
@Suite("Scenarios beyond the seed")
struct BeyondSeedTests {
  static func summary(_ arguments: [String]) throws -> [String: Any] {
    let result = try Binary.run(arguments + ["--plain", "--format", "jsonl"])
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let last = try #require(result.stdout.split(separator: "\n").last)
    return try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
  }

  static func explore(_ arguments: [String]) throws -> [[String: Any]] {
    let result = try Binary.run(["explore"] + arguments + ["--format", "jsonl"])
    #expect(result.status == 0, "stderr: \(result.stderr)")
    return result.stdout.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
  }

  @Test("gil: under the back-edge rule no schedule loses money; between any bytecodes some do")
  func gilExplored() throws {
    let backedge = try Self.explore(["gil", "--threads", "2", "--iterations", "2"])
    #expect(backedge.dropLast().map { $0["outcome"] as? String } == ["balance 0"])
    let any = try Self.explore([
      "gil", "--threads", "2", "--iterations", "2", "--gil-switch", "any", "--no-replay",
    ])
    #expect(any.dropLast().contains { ($0["balance"] as? Int ?? 0) != 0 })
    #expect(any.last?["schedules"] as? Int == 35_345_263_800)
  }

  @Test(
    "split: every read and write under the lock, and still some schedules lose money, each replayed on real threads"
  )
  func splitExplored() throws {
    let explored = try Self.explore(["split", "--threads", "2", "--iterations", "1"])
    let outcomes = explored.dropLast()
    #expect(outcomes.contains { $0["outcome"] as? String == "balance 0" })
    #expect(outcomes.filter { ($0["balance"] as? Int ?? 0) != 0 }.count == 6)
    #expect(explored.last?["schedules"] as? Int == 70)
    // Every witness, replayed on real threads, ended where the model said.
    #expect(
      outcomes.allSatisfy { $0["replayed"] as? String == $0["outcome"] as? String }, "\(outcomes)")
  }

  @Test("gil at full speed: the GIL changes hands, and the back-edge rule keeps the balance")
  func gilFullSpeed() throws {
    let summary = try Self.summary(["gil", "--threads", "2", "--iterations", "300000"])
    #expect(summary["final_balance"] as? Int == 0)
    #expect(summary["gil_switch"] as? String == "backedge")
    // The run lasts far longer than the 5 ms switch interval, and each
    // thread asks for the GIL while the other holds it: it must change hands.
    let switches = try #require(summary["gil_switches"] as? Int)
    #expect(switches > 0)
  }

  @Test("reorder: a million relaxed trials show r1=0 r2=0 on two CPUs; a fence never does")
  func reorder() throws {
    let relaxed = try Self.summary(["reorder"])
    let outcomes = try #require(relaxed["outcomes"] as? [String: Int])
    #expect(outcomes.values.reduce(0, +) == 1_000_000)
    #expect(relaxed["predicted"] as? [String] == ["r1=0 r2=1", "r1=1 r2=0", "r1=1 r2=1"])
    // On one CPU the two threads never overlap: nothing to reorder.
    if RunConfiguration.usableCores >= 2 {
      #expect((outcomes["r1=0 r2=0"] ?? 0) > 0, "\(outcomes)")
    }
    let fenced = try Self.summary(["reorder", "--fence", "--trials", "200000"])
    #expect((fenced["outcomes"] as? [String: Int])?["r1=0 r2=0"] == 0)
    let explored = try Self.explore(["reorder"])
    #expect(
      explored.dropLast().map { $0["outcome"] as? String } == [
        "r1=0 r2=1", "r1=1 r2=0", "r1=1 r2=1",
      ])
  }

  @Test("condition: the if variant raises IndexError for some seed in 1...100")
  func conditionIf() throws {
    var found: Int?
    for seed in 1...100 {
      let result = try Binary.run([
        "condition", "--variant", "if", "--iterations", "1", "--seed", "\(seed)", "--plain",
        "--lang", "en",
      ])
      #expect(result.status == 0)
      if result.stdout.contains("raised IndexError: pop from empty list") {
        found = seed
        break
      }
    }
    #expect(found != nil)
  }

  @Test("condition: the while variant never fails in any schedule; the notify variant can hang")
  func conditionExplored() throws {
    let correct = try Self.explore(["condition", "--threads", "3", "--iterations", "2"])
    #expect(correct.dropLast().map { $0["outcome"] as? String } == ["finished"])
    let notify = try Self.explore([
      "condition", "--threads", "3", "--iterations", "1", "--variant", "notify",
    ])
    #expect(notify.dropLast().map { $0["outcome"] as? String } == ["finished", "hang"])
  }

  @Test("condition --variant notify at full speed: the hang is found and named, not waited out")
  func conditionHang() throws {
    let start = Date()
    let summary = try Self.summary([
      "condition", "--variant", "notify", "--threads", "3", "--iterations", "100000",
    ])
    #expect(Date().timeIntervalSince(start) < 20)
    #expect((summary["hang"] as? [String])?.count == 3)
    #expect(summary["cancelled"] as? Bool == true)
  }

  @Test("semaphore: never more in use than permits, at full speed and in every schedule")
  func semaphore() throws {
    for permits in [1, 2, 3] {
      let summary = try Self.summary([
        "semaphore", "--threads", "6", "--iterations", "20000", "--permits", "\(permits)",
      ])
      let most = try #require(summary["max_in_use"] as? Int)
      #expect(most >= 1 && most <= permits)
    }
    let explored = try Self.explore(["semaphore", "--threads", "3", "--iterations", "1"])
    #expect(explored.dropLast().allSatisfy { $0["correct"] as? Bool == true })
    #expect(
      explored.dropLast().map { $0["outcome"] as? String } == [
        "most in use 1", "most in use 2",
      ])
  }

  @Test("semaphore --bounded: the extra release raises ValueError, in the transcript and JSON")
  func semaphoreBounded() throws {
    let text = try Binary.run([
      "semaphore", "--threads", "3", "--iterations", "2", "--bounded", "--plain", "--lang", "en",
    ])
    #expect(text.stdout.contains("raised ValueError: Semaphore released too many times"))
    let summary = try Self.summary([
      "semaphore", "--threads", "3", "--iterations", "2", "--bounded",
    ])
    #expect(
      (summary["errors"] as? [String: Int])?["ValueError: Semaphore released too many times"] == 1)
  }

  @Test("process: every child ends with its own balance at 0, and the parent's stays 0")
  func processBalances() throws {
    let summary = try Self.summary(["process", "--threads", "3", "--iterations", "100000"])
    #expect(summary["final_balance"] as? Int == 0)
    let processes = try #require(summary["processes"] as? [[String: Any]])
    #expect(processes.count == 3)
    #expect(processes.allSatisfy { $0["balance"] as? Int == 0 && $0["ended"] as? Bool == true })
    #expect(Set(processes.compactMap { $0["pid"] as? Int }).count == 3)
  }

  @Test("process: a child the system will not fork fails the run with its reason, exit 1")
  func processForkRefused() throws {
    // A process limit far below 16 children and their threads. Root is
    // not held to `ulimit -u`: there the run goes as the user nobody.
    // (bash: dash's ulimit has no -u.)
    let limited = "bash -c 'ulimit -u 10; exec \"$0\" \"$@\"' \"$0\" \"$@\""
    let shell =
      "exec " + (getuid() == 0 ? "setpriv --reuid 65534 --regid 65534 --clear-groups " : "")
      + limited
    let result = try Binary.run(
      ["process", "--threads", "16", "--iterations", "1000", "--plain", "--format", "jsonl"],
      shell: shell)
    #expect(result.status == 1, "\(result.stderr)")
    #expect(
      result.stderr.contains("child processes (fork: Resource temporarily unavailable)"),
      "\(result.stderr)")
    let summary = try #require(result.lines.last { $0.contains("\"summary\"") })
    #expect(!summary.contains("\"failed_threads\":0"), "\(summary)")
  }

  /// The pids of `pid`'s children, from /proc.
  static func children(of pid: Int32) -> [Int32] {
    let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
    return tasks.flatMap { task -> [Int32] in
      // TextFile, not Foundation: Foundation's reader leaks on /proc files.
      let text =
        (try? TextFile.read("/proc/\(pid)/task/\(task)/children"))
      return (text ?? "").split(separator: " ").compactMap { Int32($0) }
    }
  }

  /// Whether a process with this pid exists (a zombie counts).
  static func exists(_ pid: Int32) -> Bool {
    FileManager.default.fileExists(atPath: "/proc/\(pid)")
  }

  @Test("process: SIGTERM to the program leaves no child process behind")
  func processSigterm() throws {
    let process = Process()
    process.executableURL = Binary.url
    process.arguments = [
      "process", "--threads", "2", "--iterations", "1000000", "--speed", "20", "--plain",
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    var kids: [Int32] = []
    #expect(
      Wait.until(10) {
        kids = Self.children(of: process.processIdentifier)
        return kids.count == 2
      })
    kill(process.processIdentifier, SIGTERM)
    process.waitUntilExit()
    #expect(Wait.until(10) { !kids.contains(where: Self.exists) }, "children left: \(kids)")
  }

  /// This process's children forked by the process scenario (they carry
  /// the name of the worker thread that forked them; the binaries other
  /// tests start do not).
  static func forked() -> [Int32] {
    children(of: getpid()).filter {
      (try? TextFile.read("/proc/\($0)/comm"))?.hasPrefix("Process-")
        == true
    }
  }

  @Test("process: a scenario switch and quitting the dashboard kill and reap the children")
  func processSwitchAndQuit() throws {
    let harness = SessionHarness(.process, iterations: 1_000_000, speed: .fast, steady: false)
    _ = try #require(harness.frame(showing: "one balance per process", "Process-2"))
    var kids: [Int32] = []
    #expect(
      Wait.until(10) {
        kids = Self.forked()
        return kids.count >= 2
      })
    harness.screen.press(.character("2"))
    _ = try #require(harness.frame(showing: "No lock: balance += n"))
    #expect(Wait.until(10) { !kids.contains(where: Self.exists) }, "left after a switch: \(kids)")
    harness.screen.press(.character("7"))
    _ = try #require(harness.frame(showing: "one balance per process", "Process-2"))
    #expect(
      Wait.until(10) {
        kids = Self.forked()
        return kids.count >= 2
      })
    #expect(harness.quit() == 0)
    #expect(Wait.until(10) { !kids.contains(where: Self.exists) }, "left after quit: \(kids)")
  }
}
