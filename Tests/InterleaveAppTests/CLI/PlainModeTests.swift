import Foundation
import InterleaveRuntime
import InterleaveText
import Testing

@Suite("Plain mode, as a user runs it")
struct PlainModeTests {
  /// The seed's transcript of its first example, copied verbatim from
  /// `shared/seed/threading-lesson.txt`.
  static let seedTranscript = [
    "线程MainThread正在运行中...",
    "线程循环线程正在运行中...",
    "线程 循环线程 >>> 2",
    "线程 循环线程 >>> 3",
    "线程 循环线程 >>> 4",
    "线程 循环线程 >>> 5",
    "线程 循环线程 >>> 6",
    "线程循环线程结束了",
    "线程MainThread结束了",
  ]

  @Test("the zh loop prints exactly the seed's transcript, then a blank line")
  func zhLoopMatchesSeed() throws {
    let result = try Binary.run([
      "loop", "--plain", "--lang", "zh", "--threads", "1", "--speed", "full",
    ])
    #expect(result.status == 0)
    #expect(Array(result.lines.prefix(9)) == Self.seedTranscript)
    #expect(result.lines[9] == "")
  }

  @Test("the en loop has the same shape, and LANG picks the language")
  func enLoop() throws {
    let result = try Binary.run(
      ["loop", "--threads", "1"], environment: ["LANG": "en_US.UTF-8", "LC_ALL": ""])
    #expect(result.lines.first == "Thread MainThread is running...")
    #expect(result.lines[2] == "Thread LoopThread >>> 2")
    #expect(result.lines[8] == "Thread MainThread ended")
    let zh = try Binary.run(
      ["loop", "--threads", "1"], environment: ["LANG": "zh_CN.UTF-8", "LC_ALL": ""])
    #expect(zh.lines.first == "线程MainThread正在运行中...")
  }

  @Test("two loop threads are LoopThread-1 and LoopThread-2")
  func loopSuffixes() throws {
    let result = try Binary.run(["loop", "--threads", "2", "--lang", "en"])
    #expect(result.stdout.contains("Thread LoopThread-1 >>> 6"))
    #expect(result.stdout.contains("Thread LoopThread-2 >>> 6"))
  }

  @Test("jsonl ends with a summary line carrying every documented field")
  func jsonlSummary() throws {
    let result = try Binary.run([
      "locked", "--threads", "2", "--iterations", "1000", "--format", "jsonl",
    ])
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n")
    for line in lines {
      #expect(
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "not JSON: \(line)")
    }
    let summary = try #require(
      try JSONSerialization.jsonObject(with: Data(lines.last!.utf8)) as? [String: Any])
    #expect(summary["type"] as? String == "summary")
    for key in [
      "scenario", "threads", "iterations", "final_balance", "expected_balance", "lost_updates",
      "elapsed_ns", "operations", "deadlock", "locks",
    ] {
      #expect(summary.keys.contains(key), "missing \(key)")
    }
    #expect(summary["final_balance"] as? Int == 0)
    #expect(summary["lost_updates"] is NSNull)
    #expect(summary["deadlock"] is NSNull)
    let locks = try #require(summary["locks"] as? [[String: Any]])
    #expect(locks.first?["acquisitions"] as? Int == 2000)
  }

  @Test("a paced race in jsonl shows reads, writes and lost updates that explain the drift")
  func pacedRaceJSON() throws {
    var explained = false
    for _ in 0..<10 where !explained {
      let result = try Binary.run([
        "race", "--threads", "2", "--iterations", "200", "--speed", "1", "--format", "jsonl",
      ])
      let objects = result.stdout.split(separator: "\n").compactMap {
        try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
      }
      let kinds = objects.compactMap { $0["kind"] as? String }
      #expect(kinds.filter { $0 == "read" }.count == 800)
      let lost = objects.filter { $0["kind"] as? String == "lost_update" }
      let summary = try #require(objects.last)
      #expect(summary["lost_updates"] as? Int == lost.count)
      let amount = lost.reduce(0) { $0 + ($1["amount"] as? Int ?? 0) }
      #expect(-amount == summary["drift"] as? Int)
      explained = !lost.isEmpty
    }
    #expect(explained)
  }

  @Test("a deadlock ends a plain run with its cycle in the summary, status 0")
  func deadlockSummary() throws {
    let result = try Binary.run(["deadlock", "--threads", "2", "--speed", "fast", "--lang", "en"])
    #expect(result.status == 0)
    let line = try #require(result.lines.last { $0.hasPrefix("deadlock ") })
    #expect(line.contains("holds A, wants B") && line.contains("holds B, wants A"))
  }

  @Test(
    "bad input: one line on stderr naming the flag, status 64",
    arguments: [
      (["--threads", "0"], "--threads"), (["--threads", "100000"], "--threads"),
      (["--iterations", "-1"], "--iterations"), (["bogus"], "scenario"),
      (["--speed", "warp"], "--speed"), (["--lang", "fr"], "--lang"),
      (["--format", "xml"], "--format"), (["--no-such-flag"], "--no-such-flag"),
      (["--theme", "/nonexistent/theme.toml"], "--theme /nonexistent/theme.toml: cannot read"),
      (["--theme", "sparkly"], "--theme sparkly: no such theme"),
      (
        ["--speed", "60001"],
        "'--speed <speed>'. Please provide one of 'full', 'fast', 'normal', 'slow' or '0...60000 (ms)'"
      ),
      (["--iterations", "0"], "--iterations must be between 1 and 1000000000"),
      (["--threads", "257"], "--threads must be between 1 and 256"),
      (["--seed", "abc"], "--seed"), (["--threads", "abc"], "--threads"),
      (["--seed", "-1"], "--seed must be a whole number 0...18446744073709551615 (got '-1')"),
      (["--seed", "18446744073709551616"], "--seed must be a whole number"),
      (["--speed", "-5"], "'--speed <speed>'"),
      (
        ["bogus"],
        "Please provide one of: " + Scenario.all.map(\.id).joined(separator: ", ") + "."
      ),
      (["--schedule-in", "/nonexistent/s"], "--schedule-in /nonexistent/s: cannot read"),
      (["reorder", "--threads", "3"], "--threads: reorder always runs 2 threads (got 3)"),
      (["condition", "--threads", "2"], "--threads: condition needs at least 3 threads (got 2)"),
      (["loop", "--iterations", "5"], "--iterations: loop does a fixed amount of work"),
      (["race", "--schedule", "-1"], "--schedule '-1': item 1 ('-1'): there is no thread -1"),
      (["render", "a.cast", "--svg", "a.svg", "--poster", "nan"], "--poster must be a number"),
      (
        ["explore", "reorder", "--threads", "1"],
        "--threads: reorder always runs 2 threads (got 1)"
      ),
    ])
  func badInput(arguments: [String], named: String) throws {
    let result = try Binary.run(arguments)
    #expect(result.status == 64)
    #expect(result.stdout.isEmpty)
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.count == 1)
    #expect(result.stderr.contains(named))
  }

  @Test("--list-themes lists the five built-in themes")
  func listThemes() throws {
    let result = try Binary.run(["--list-themes"])
    #expect(result.status == 0)
    #expect(
      result.lines.prefix(5).map { $0.split(separator: " ").first.map(String.init) ?? "" } == [
        "default", "light", "high-contrast", "mono", "terminal",
      ])
  }

  @Test("--help and --version print and exit 0")
  func helpAndVersion() throws {
    let help = try Binary.run(["--help"])
    #expect(help.status == 0)
    #expect(help.stdout.contains("--threads"))
    let version = try Binary.run(["--version"])
    #expect(version.status == 0)
    #expect(!version.stdout.isEmpty)
    // Every command's --help is its own (run's was the root's), and the
    // root's lists every command.
    for command in ["run", "explore", "lesson", "challenge", "config", "render"] {
      let own = try Binary.run([command, "--help"])
      #expect(own.status == 0)
      #expect(own.stdout.contains("USAGE: interleave \(command)"), "\(command): \(own.stdout)")
      #expect(help.stdout.contains("  \(command) "), "the root's help lacks \(command)")
    }
  }

  @Test("help figures says what each figure on the dashboard counts; an unknown topic names it")
  func helpFigures() throws {
    let figures = try Binary.run(["help", "figures"])
    #expect(figures.status == 0)
    for name in ["cores busy", "contended %", "held %", "avg M/s"] {
      #expect(figures.stdout.contains(name), "\(figures.stdout)")
    }
    let chinese = try Binary.run(["help", "figures", "--lang", "zh"])
    #expect(chinese.status == 0 && chinese.stdout.contains("忙碌核心"), "\(chinese.stdout)")
    // Broken between words within 80 columns: a terminal would split them.
    let programs = try Binary.run(["help", "programs"])
    for help in [figures.stdout, chinese.stdout, programs.stdout] {
      let long = help.split(separator: "\n").filter { TextWidth.of(String($0)) > 80 }
      #expect(long.isEmpty, "\(long)")
    }
    let said = programs.stdout.replacing("\n", with: " ")
    #expect(said.contains("e takes the line apart into its steps"), "\(programs.stdout)")
    // A figure's meaning stays in its column, past a label's own two spaces.
    let rows = figures.stdout.split(separator: "\n").map(String.init)
    let average = try #require(rows.first { $0.hasPrefix("avg M/s") })
    let column = try #require(average.firstRange(of: "an ended"))
    let at = average.distance(from: average.startIndex, to: column.lowerBound)
    let iterations = try #require(rows.first { $0.hasPrefix("iter  M/s") })
    #expect(iterations.dropFirst(at).hasPrefix("iterations done"), "\(iterations)")
    let unknown = try Binary.run(["help", "figure"])
    #expect(unknown.status != 0)
    #expect(unknown.stderr.contains("'figure'") && unknown.stderr.contains("figures"))
  }

  @Test("a closed stdout ends the run quietly")
  func closedStdout() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = [
      "-c",
      "'\(Binary.url.path)' race --plain --threads 2 --speed 1 --iterations 100000 | head -n 2 >/dev/null",
    ]
    let err = Pipe()
    process.standardError = err
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(errData.isEmpty, "stderr: \(String(decoding: errData, as: UTF8.self))")
  }

  @Test("threads the system refuses are named in the summary, with one error line and status 1")
  func refusedThreads() throws {
    // A 30 GiB default stack: every pthread_create fails, MainThread first.
    let result = try Binary.run(
      ["race", "--threads", "4", "--iterations", "1000", "--plain"], shell: "ulimit -s 31457280")
    #expect(result.status == 1)
    #expect(result.lines.contains("not started   5 of 5 threads: the system refused them"))
    #expect(
      result.lines.contains("balance       0 (expected 0, not every thread ran)"),
      "a balance no thread touched is not called correct")
    #expect(
      result.stderr
        == "interleave: error: the system refused to start 5 of 5 threads (memory or a limit: see ulimit -s, ulimit -v)\n"
    )
    let json = try Binary.run(
      ["race", "--threads", "4", "--plain", "--format", "jsonl"], shell: "ulimit -s 31457280")
    #expect(json.status == 1)
    #expect(json.lines.contains { $0.contains("\"failed_threads\":5") })
  }
}

@Suite("Lock hold times")
struct HoldTimeTests {
  static func summary(_ arguments: [String]) throws -> [String: Any] {
    let result = try Binary.run(arguments + ["--plain", "--format", "jsonl"])
    let last = try #require(result.stdout.split(separator: "\n").last)
    return try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
  }

  @Test(
    "a lock is never held longer than the run, at full speed with 1 or 8 threads",
    arguments: [1, 8])
  func neverLongerThanTheRun(threads: Int) throws {
    let summary = try Self.summary([
      "locked", "--threads", "\(threads)", "--iterations", "2000000",
    ])
    let lock = try #require((summary["locks"] as? [[String: Any]])?.first)
    let held = try #require(lock["total_hold_ns"] as? Int)
    let elapsed = try #require(summary["elapsed_ns"] as? Int)
    #expect(held <= elapsed)
    #expect(held > 0)
    #expect(lock["hold_sampled"] as? Bool == true)
  }

  @Test("the coarse lock's holds are all timed, at full speed too")
  func coarseHold() throws {
    let summary = try Self.summary(["coarse", "--threads", "2", "--speed", "full"])
    let lock = try #require((summary["locks"] as? [[String: Any]])?.first)
    #expect((lock["total_hold_ns"] as? Int ?? 0) > 0)
    #expect(lock["hold_sampled"] as? Bool == false)
  }
}
