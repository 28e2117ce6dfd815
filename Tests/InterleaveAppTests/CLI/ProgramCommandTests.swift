import Foundation
import InterleaveTestSupport
import Testing

/// `interleave run FILE.py` as a user runs it, on the seed's own listings.
@Suite("Programs from the command line")
struct ProgramCommandTests {
  /// Waits (at most 10 s) until process `pid` runs `count` OS threads or more.
  static func waitForThreads(_ pid: Int32, _ count: Int) -> Bool {
    Wait.until(10) {
      ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task"))?.count ?? 0)
        >= count
    }
  }

  static func program(_ name: String) -> String {
    Repository.path("programs/\(name)")
  }

  @Test("the seed's loop prints the tutorial's nine lines, the thread named 循环线程")
  func loop() throws {
    let result = try Binary.run(["run", Self.program("seed-loop.py"), "--plain"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout == """
        线程MainThread正在运行中...
        线程循环线程正在运行中...
        线程 循环线程 >>> 2
        线程 循环线程 >>> 3
        线程 循环线程 >>> 4
        线程 循环线程 >>> 5
        线程 循环线程 >>> 6
        线程循环线程结束了
        线程MainThread结束了

        """)
  }

  @Test("the seed's race: the threads as CPython 3.11 prints them, then the balance")
  func race() throws {
    let result = try Binary.run([Self.program("seed-race.py"), "--plain"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines.first == "<Thread(Thread-1 (run_thread), initial)> <class 'threading.Thread'>")
    #expect(lines.dropFirst().first == "<Thread(Thread-2 (run_thread), initial)>")
    #expect(lines.last?.hasPrefix("balance = ") ?? false)
  }

  @Test("the seed's _thread listing: Mainthread Start, two locked lines, 1..10 and 20..110")
  func threadLock() throws {
    let result = try Binary.run([Self.program("seed-thread-lock.py"), "--plain"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "Mainthread Start")
    #expect(lines.last == "Mainthread Finished")
    let locked = lines.filter { $0.hasPrefix("(Locked: True) Thread is ") && $0.hasSuffix("...") }
    #expect(locked.count == 2)
    let numbers = lines.compactMap { Int($0) }
    let oneFirst = Array(1...10) + stride(from: 20, through: 110, by: 10)
    let tenFirst = stride(from: 10, through: 100, by: 10) + Array(101...110)
    #expect(numbers == oneFirst || numbers == tenFirst, "\(numbers)")
  }

  @Test("a bare expression prints nothing; jsonl's summary holds every global's final value")
  func summary() throws {
    let quiet = try Binary.run([Self.program("seed-cpu-count.py"), "--plain"])
    #expect(quiet.status == 0 && quiet.stdout.isEmpty, "\(quiet)")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prog-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("g.py").path
    try "import threading\nbalance = 3\nnames = ['a', 'b']\nlock = threading.Lock()\nprint('hi')\n"
      .write(toFile: file, atomically: true, encoding: .utf8)
    let result = try Binary.run(["run", file, "--plain", "--format", "jsonl"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.first == #"{"type":"output","text":"hi\n"}"#)
    let last = try #require(
      JSONSerialization.jsonObject(with: Data((lines.last ?? "").utf8)) as? [String: Any])
    let globals = try #require(last["globals"] as? [String: Any])
    #expect(globals["balance"] as? Int == 3)
    #expect(globals["names"] as? [String] == ["a", "b"])
    #expect(globals["lock"] == nil, "a lock is no data")
  }

  @Test("a program outside the subset is refused before it runs: FILE:LINE:COL, status 65")
  func refused() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("bad.py").path
    try "print('started')\nclass Account:\n    pass\n".write(
      toFile: file, atomically: true, encoding: .utf8)
    let result = try Binary.run(["run", file, "--plain"])
    #expect(result.status == 65)
    #expect(result.stdout.isEmpty, "nothing ran")
    #expect(result.stderr.hasPrefix("\(file):2:1: error: classes are not supported here"))
    #expect(result.stderr.split(separator: "\n").count == 1)
    let missing = try Binary.run(["run", folder.path + "/none.py"])
    #expect(missing.status == 66)
    #expect(
      missing.stderr == "interleave: error: \(folder.path)/none.py: No such file or directory\n")
    let directory = try Binary.run(["run", folder.path + "/"])
    #expect(directory.status == 66)
  }

  @Test("a thread's error prints its traceback and the run goes on; one in the main thread exits 1")
  func errors() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("err-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("e.py").path
    try "print('a\\x1b[2J')\nprint(undefined)\n".write(
      toFile: file, atomically: true, encoding: .utf8)
    let result = try Binary.run(["run", file, "--plain"])
    #expect(result.status == 1)
    #expect(result.stdout == "a␛[2J\n", "the escape is shown, never sent")
    #expect(result.stderr.hasSuffix("NameError: name 'undefined' is not defined\n"))
  }

  @Test("explore FILE.py: the seed's race with range(2) counts 12,870 schedules by balance")
  func explore() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("exp-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("race.py").path
    let seed = try String(contentsOfFile: Self.program("seed-race.py"), encoding: .utf8)
    try seed.replacingOccurrences(of: "range(100)", with: "range(2)")
      .write(toFile: file, atomically: true, encoding: .utf8)
    let text = try Binary.run(["explore", file])
    #expect(text.status == 0, "\(text.stderr)")
    let lines = text.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("\(file): 12,870 schedules, 23 outcomes") ?? false, "\(lines)")
    #expect(lines.contains { $0.hasPrefix("balance 0 ") && $0.contains("3,462") })
    // The command it gives replays the rarest outcome on the real threads.
    let replay = try #require(
      lines.last?.firstMatch(
        of:
          /the rarest, (.+), on the real threads: interleave run \S+ --plain --schedule '([^']+)'$/)
    )
    let rerun = try Binary.run(["run", file, "--plain", "--schedule", String(replay.2)])
    #expect(
      rerun.lines.dropLast().last.map { "balance \($0.dropFirst("balance = ".count))" }
        == String(replay.1))
    // The same witnesses on every run (a process hashes afresh each time).
    let again = try Binary.run(["explore", file]).stdout.split(separator: "\n").dropFirst()
    #expect(Array(again) == Array(lines.dropFirst()).map { Substring($0) })
    let jsonl = try Binary.run(["explore", file, "--format", "jsonl"])
    let outcomes = jsonl.stdout.split(separator: "\n").dropLast().compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
    #expect(outcomes.count == 23)
    let lost = try #require(outcomes.first { $0["outcome"] as? String == "balance -8" })
    #expect(lost["schedules"] as? Int == 1456)
    #expect(lost["preemptions"] as? Int == 2)
  }

  @Test("explore names once what every outcome shares (the _thread idents), the table what differs")
  func exploreCommon() throws {
    let text = try Binary.run(["explore", Self.program("seed-thread-lock.py")])
    #expect(text.status == 0, "\(text.stderr)")
    let lines = text.stdout.split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasPrefix("in every outcome: t1 ") && $0.contains(", t2 ") })
    #expect(lines.contains { $0.hasPrefix("balance 110 ") }, "\(lines)")
    #expect(!lines.contains { $0.hasPrefix("balance") && $0.contains("t1") }, "\(lines)")
  }

  @Test(
    "explore: of outcomes as rare, the one to see is the deadlock; the share is said to be of schedules"
  )
  func exploreRarestTie() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tie-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("transfer.py")
    // Each thread sleeps holding its first lock: 6 schedules end, 6 deadlock.
    try """
    import threading, time
    a = 100
    b = 100
    a_lock = threading.Lock()
    b_lock = threading.Lock()
    def a_to_b():
        global a, b
        with a_lock:
            time.sleep(0.01)
            with b_lock:
                a -= 30
                b += 30
    def b_to_a():
        global a, b
        with b_lock:
            time.sleep(0.01)
            with a_lock:
                b -= 20
                a += 20
    t1 = threading.Thread(target=a_to_b)
    t2 = threading.Thread(target=b_to_a)
    t1.start()
    t2.start()
    t1.join()
    t2.join()
    """.write(to: file, atomically: true, encoding: .utf8)
    let text = try Binary.run(["explore", file.path])
    #expect(text.status == 0, "\(text.stderr)")
    let lines = text.stdout.split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasPrefix("a 90, b 110 ") && $0.contains(" 6 ") }, "\(lines)")
    #expect(lines.contains { $0.hasPrefix("deadlock, a 100, b 100 ") && $0.contains(" 6 ") })
    #expect(lines.contains { $0.hasPrefix("to see the rarest, deadlock, a 100, b 100, ") })
    #expect(lines.contains { $0.hasPrefix("(a share is of the schedules, each counted once") })
  }

  @Test("while True: with no step in it, on two threads, still ends on SIGINT, status 130")
  func endlessLoop() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loop-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("spin.py").path
    try """
    import threading
    def spin():
        x = 0
        while True:
            x += 1
    t = threading.Thread(target=spin)
    t.start()
    print("started")
    while True:
        pass
    """.write(toFile: file, atomically: true, encoding: .utf8)
    // Bounded: a build that never stops is killed, and fails below.
    let result = try Binary.run(["run", file, "--plain"], limit: 20) { pid in
      // Once the Python thread runs beside the main thread.
      #expect(Self.waitForThreads(pid, 2))
      kill(pid, SIGINT)
    }
    #expect(result.status == 130, "\(result.stderr)")
  }

  @Test(
    "a deadlock ends the run and says who waits where (CPython would hang); a long wait ends on SIGTERM"
  )
  func deadlockFound() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dead-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("dead.py").path
    try """
    import threading
    a = threading.Lock()
    a.acquire()
    def wait():
        a.acquire()
    t = threading.Thread(target=wait)
    t.start()
    print("stuck")
    a.acquire()
    """.write(toFile: file, atomically: true, encoding: .utf8)
    let result = try Binary.run(["run", file, "--plain"], limit: 20)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "stuck\n")
    #expect(
      result.stderr
        == "interleave: deadlock: every thread waits: MainThread at line 9, Thread-1 (wait) at line 5\n"
    )
    let jsonl = try Binary.run(["run", file, "--plain", "--format", "jsonl"], limit: 20)
    #expect(jsonl.stdout.contains("\"deadlock\":\"every thread waits: "), "\(jsonl.stdout)")
    // Not a deadlock: a thread sleeps (a timed wait), and a quit ends it.
    let sleeper = folder.appendingPathComponent("sleep.py").path
    try """
    import threading, time
    a = threading.Lock()
    a.acquire()
    def nap():
        time.sleep(100)
    t = threading.Thread(target=nap)
    t.start()
    a.acquire()
    """.write(toFile: sleeper, atomically: true, encoding: .utf8)
    let quit = try Binary.run(["run", sleeper, "--plain"], limit: 20) { pid in
      #expect(Self.waitForThreads(pid, 2))
      kill(pid, SIGTERM)
    }
    #expect(quit.status == 143, "\(quit.stderr)")
  }

  @Test("--schedule replays explore's schedule on the real threads; one that cannot run is refused")
  func schedule() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sched-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("race.py").path
    try """
    import threading
    balance = 0
    def change(n):
        global balance
        for i in range(2):
            balance = balance + n
            balance = balance - n
    t1 = threading.Thread(target=change, args=(5,))
    t2 = threading.Thread(target=change, args=(8,))
    t1.start()
    t2.start()
    t1.join()
    t2.join()
    print(balance)
    """.write(toFile: file, atomically: true, encoding: .utf8)
    // explore's line for the outcome balance -8 ends with its schedule.
    let explored = try Binary.run(["explore", file]).stdout
    let line = try #require(explored.split(separator: "\n").first { $0.hasPrefix("balance -8 ") })
    let schedule = try #require(line.firstMatch(of: /\d+%\s+\d+\s+(.+)$/)?.1)
    for _ in 0..<3 {
      let replay = try Binary.run(["run", file, "--plain", "--schedule", String(schedule)])
      #expect(replay.stdout == "-8\n", "schedule \(schedule): \(replay.stderr)")
    }
    let refused = try Binary.run(["run", file, "--plain", "--schedule", "0 1x40"])
    #expect(refused.status == 64)
    #expect(refused.stderr.hasPrefix("interleave: error: --schedule: step "), "\(refused.stderr)")
    #expect(refused.stderr.contains("names thread 1, which has finished"), "\(refused.stderr)")
    #expect(refused.stdout.isEmpty)
    for _ in 0..<3 {
      let replay = try Binary.run(["run", file, "--plain", "--schedule", String(schedule)])
      #expect(!replay.stderr.contains("note:"), "a whole schedule: \(replay.stderr)")
    }
    // Part of the way: it runs, and says the rest is the OS's.
    let part = try Binary.run(["run", file, "--plain", "--schedule", "0 1x3"])
    #expect(part.status == 0 && part.stdout.hasSuffix("\n"))
    #expect(
      part.stderr.contains("note: --schedule gives the first 4 steps; the rest runs as the OS"),
      "\(part.stderr)")
    let empty = try Binary.run(["run", file, "--plain", "--schedule", " "])
    #expect(empty.status == 64)
    #expect(empty.stderr.contains("--schedule ' ': no steps given"), "\(empty.stderr)")
    let early = try Binary.run(["run", file, "--plain", "--schedule", "1"])
    #expect(
      early.stderr.contains("which has not started (only thread 0, the main thread, runs so far)"),
      "\(early.stderr)")
  }

  @Test("--seed N: the same order every time on the real threads, another seed another order")
  func seeded() throws {
    let file = Self.program("seed-race.py")
    var outputs: [Int: String] = [:]
    for seed in [1, 2, 1, 2] {
      let run = try Binary.run(["run", file, "--plain", "--seed", "\(seed)"], limit: 60)
      #expect(run.status == 0, "\(run.stderr)")
      if let earlier = outputs[seed] { #expect(run.stdout == earlier, "seed \(seed)") }
      outputs[seed] = run.stdout
    }
    #expect(outputs[1] != outputs[2], "\(outputs)")
    let both = try Binary.run(["run", file, "--plain", "--seed", "1", "--schedule", "0"])
    #expect(both.status == 64 && both.stderr.contains("--seed and --schedule"), "\(both.stderr)")
  }

  @Test(
    "time.sleep is a step in the model as on the real threads: every witness replays to its end")
  func sleepIsAStep() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sleep-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("sleepy.py").path
    try """
    import _thread
    import time
    def increase(inc, lock):
        global balance
        lock.acquire(timeout=_thread.TIMEOUT_MAX)
        for i in range(2):
            balance += inc
            time.sleep(0.1)
            print(balance)
        lock.release()
    balance = 0
    lock = _thread.allocate_lock()
    _thread.start_new_thread(increase, (1, lock))
    time.sleep(3)
    print("Mainthread Finished")
    """.write(toFile: file, atomically: true, encoding: .utf8)
    let explored = try Binary.run(["explore", file]).stdout
    let witnesses = explored.split(separator: "\n").compactMap { line in
      line.firstMatch(of: /^balance \d.*?\d+%\s+\d+\s+(.+)$/).map { String($0.1) }
    }
    #expect(witnesses.count == 3, "\(explored)")
    for schedule in witnesses {
      let replay = try Binary.run(["run", file, "--plain", "--schedule", schedule], limit: 20)
      #expect(
        replay.status == 0 && !replay.stderr.contains("note:"), "\(schedule): \(replay.stderr)")
      // Main has the last word: the thread's prints came in their turn.
      #expect(replay.stdout.hasSuffix("Mainthread Finished\n"), "\(schedule): \(replay.stdout)")
    }
  }

  @Test("a deadlock's witness from explore replays into that deadlock, every time, and says so")
  func deadlockWitness() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bank-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("bank.py").path
    try """
    import threading
    alice = 100
    bob = 100
    a = threading.Lock()
    b = threading.Lock()
    def ab():
        global alice, bob
        with a:
            with b:
                alice -= 20
                bob += 20
    def ba():
        global alice, bob
        with b:
            with a:
                bob -= 40
                alice += 40
    t1 = threading.Thread(target=ab)
    t2 = threading.Thread(target=ba)
    t1.start()
    t2.start()
    t1.join()
    t2.join()
    """.write(toFile: file, atomically: true, encoding: .utf8)
    let explored = try Binary.run(["explore", file, "--format", "jsonl"])
    let outcomes = explored.stdout.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
    let deadlock = try #require(outcomes.first { $0["deadlock"] as? Bool == true })
    #expect(deadlock["outcome"] as? String == "deadlock, alice 100, bob 100")
    let schedule = try #require(deadlock["schedule"] as? String)
    for _ in 0..<10 {
      let replay = try Binary.run(
        ["run", file, "--plain", "--format", "jsonl", "--schedule", schedule], limit: 20)
      let summary = try #require(
        replay.stdout.split(separator: "\n").last.flatMap {
          try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        })
      #expect(summary["deadlock"] is String, "\(replay.stdout)")
      #expect((summary["globals"] as? [String: Int]) == ["alice": 100, "bob": 100])
    }
  }
}
