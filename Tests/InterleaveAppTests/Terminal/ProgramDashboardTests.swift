import Foundation
import InterleavePlatform
import InterleaveProgram
import InterleaveTestSupport
import InterleaveText
import Testing

@testable import InterleaveApp

/// The program dashboard: the code on screen with each thread's place.
@Suite("Programs on screen")
struct ProgramDashboardTests {
  @Test(
    "the seed's _thread listing at 80x24: one thread holds the lock, the other waits on its line")
  func frame() throws {
    let path = ProgramCommandTests.program("seed-thread-lock.py")
    let program = try ProgramSource.load(path)
    let stepper = ProgramStepper(program: program, cpuCount: 2)
    defer { stepper.stop() }
    #expect(stepper.start())
    // Main starts both threads and comes to its sleep (its end would end
    // them); thread 1 takes the lock and prints; thread 2 comes to the lock.
    for _ in 0..<60 {
      let now = stepper.view()
      // The model's threads and the real ones are the same threads.
      try #require(
        now.runnable.allSatisfy { now.threads.indices.contains($0) },
        "\(now.threads) runnable \(now.runnable) after \(now.steps) steps")
      if now.runnable.contains(0), (now.threads[0].line ?? 0) < 28 {
        stepper.step(0)
      } else if now.runnable.contains(1), now.threads[1].line != 17 {
        stepper.step(1)
      } else if now.runnable.contains(2) {
        stepper.step(2)
      } else {
        break
      }
    }
    let view = stepper.view()
    let canvas = ProgramFrame(
      file: "seed-thread-lock.py", source: program.sourceLines, view: view, pace: .paused,
      focus: 1
    ).draw(width: 80, height: 24)
    let lines = canvas.lines
    #expect(lines[0].contains("seed-thread-lock.py") && lines[0].contains("paused"))
    // Thread 1 holds the lock at line 17; thread 2 waits at line 11.
    #expect(lines.contains { $0.contains("1▶") && $0.contains("balance += inc") }, "\(lines)")
    #expect(lines.contains { $0.contains("2▶") && $0.contains("lock.acquire") }, "\(lines)")
    // A line longer than the pane is cut with "…" (its end kept), not wrapped.
    #expect(
      lines.contains {
        $0.contains("lock.acquire(timeout=") && $0.contains("…") && $0.contains("MAX)│")
      },
      "\(lines)")
    #expect(lines.contains { $0.contains("2 waiting") }, "\(lines)")
    // What each thread's next step does, under its name.
    #expect(lines.contains { $0.contains("  read balance") }, "\(lines)")
    // The lock it waits for, and which thread has it.
    #expect(lines.contains { $0.contains("  lock.acquire(), 1 has it") }, "\(lines)")
    #expect(lines.contains { $0.contains("Mainthread Start") })
    #expect(lines.contains { $0.contains("(Locked: True) Thread is ") })
    #expect(lines.last?.contains("n step") == true)
  }

  @Test(
    "a code line too long for its row keeps its start and its end (a call's arguments), a comment its start"
  )
  func fittedLines() {
    let call = ProgramFrame.fitted("t1 = threading.Thread(target=run_thread, args=(5,))", width: 40)
    #expect(TextWidth.of(call) == 40)
    #expect(call.hasPrefix("t1 = threading.Thread(") && call.hasSuffix("args=(5,))"), "\(call)")
    let comment = ProgramFrame.fitted("# _thread创建的线程，在函数调用结束后会悄悄的退出，", width: 30)
    #expect(
      TextWidth.of(comment) <= 30 && comment.hasPrefix("# _thread创建的") && comment.hasSuffix("…"))
    #expect(ProgramFrame.fitted("balance += n", width: 40) == "balance += n")
  }

  @Test(
    "the focused thread's line is read whole at 80x24: what does not fit goes on the rows under it")
  func focusedLineWhole() throws {
    // The listing as the built-in lessons have it: its last line is main's last print.
    var text = try String(
      contentsOfFile: ProgramCommandTests.program("seed-loop.py"), encoding: .utf8)
    while text.last?.isNewline == true { text.removeLast() }
    let program = try ProgramSource.compile(text, file: "seed-loop.py", shown: "seed-loop.py")
    let stepper = ProgramStepper(program: program, cpuCount: 2)
    defer { stepper.stop() }
    #expect(stepper.start())
    // Main prints and waits in join(); the loop thread is at its first print.
    stepper.step(0)
    let view = stepper.view()
    try #require(view.threads.count == 2 && view.threads[1].line == 5, "\(view.threads)")
    let lines = ProgramFrame(
      file: "seed-loop.py", source: program.sourceLines, view: view, pace: .paused, focus: 1
    ).draw(width: 80, height: 24).lines
    let at = try #require(lines.firstIndex { $0.contains("1▶") }, "\(lines)")
    #expect(lines[at].contains("print(f\"线程{threading.") && !lines[at].contains("…"), "\(lines)")
    // Broken where a name ends, never inside one.
    #expect(lines[at + 1].contains(" current_thread(). "), "\(lines)")
    #expect(lines[at + 2].contains(" name}正在运行中...\")"), "\(lines)")
    // Main's print, the step it took last, is still in sight, marked ✓.
    #expect(lines.contains { $0.contains("0✓") && $0.contains(" 14 print(") }, "\(lines)")
    // Another thread's long line is still cut, its end kept.
    #expect(lines.contains { $0.contains("t = threading.Thread(targe…") }, "\(lines)")
    // With no thread's line to read whole (the focus on one that ended),
    // every thread's place is still inside the box, none on its border.
    for _ in 0..<12 { stepper.step(1) }
    let ended = stepper.view()
    try #require(ended.threads[1].state == .finished && ended.threads[0].line == 20)
    let unfocused = ProgramFrame(
      file: "seed-loop.py", source: program.sourceLines, view: ended, pace: .paused, focus: 1
    ).draw(width: 80, height: 24).lines
    let bottom = try #require(unfocused.firstIndex { $0.hasPrefix("└") })
    #expect(!unfocused[bottom].contains("▶"), "\(unfocused)")
    #expect(unfocused[..<bottom].contains { $0.contains("0▶") }, "\(unfocused)")
    let pieces = ProgramFrame.wrapped(String(repeating: "ab ", count: 30), width: 20, rows: 3)
    #expect(pieces.count == 3 && pieces.allSatisfy { TextWidth.of($0) <= 20 }, "\(pieces)")
    #expect(pieces[2].contains("…"))
  }

  @Test("every thread's line is in sight, however far apart, with … for the lines left out")
  func everyThreadInSight() {
    let rows = ProgramFrame.shownLines(marks: [12, 20, 31], count: 33, height: 14)
    #expect(rows.count == 14)
    for line in [12, 20, 31] { #expect(rows.contains(line), "\(rows)") }
    #expect(rows.contains(nil), "the gaps are marked")
    let numbers = rows.compactMap { $0 }
    #expect(numbers == numbers.sorted() && Set(numbers).count == numbers.count)
    // One thread: its lines around it, no gap.
    let one = ProgramFrame.shownLines(marks: [40], count: 80, height: 10)
    #expect(one == (36...45).map { Optional($0) }, "\(one)")
    // A short program: all of it.
    #expect(ProgramFrame.shownLines(marks: [2, 3], count: 4, height: 10) == [1, 2, 3, 4])
  }

  @Test("a deadlock at 80x24: every thread's wait in sight, said under the output, u and q offered")
  func deadlockFrame() throws {
    let text = """
      import threading
      alice = 100
      bob = 100
      lock_a = threading.Lock()
      lock_b = threading.Lock()
      def alice_to_bob(amount):
          global alice, bob
          with lock_a:
              with lock_b:
                  alice -= amount
                  bob += amount



      def bob_to_alice(amount):
          global alice, bob
          lock_b.acquire()
          lock_a.acquire()
          bob -= amount
          alice += amount
          lock_a.release()
          lock_b.release()



      t1 = threading.Thread(target=alice_to_bob, args=(30,))
      t2 = threading.Thread(target=bob_to_alice, args=(20,))
      t1.start()
      t2.start()
      t1.join()
      t2.join()
      print(alice, bob)
      """
    let program = try ProgramSource.compile(text, file: "/t/transfer.py")
    let stepper = ProgramStepper(program: program, cpuCount: 2)
    defer { stepper.stop() }
    #expect(stepper.start())
    for slot in [0, 0, 1, 2] { #expect(stepper.step(slot)) }
    try #require(Wait.until { stepper.view().deadlock })
    let view = stepper.view()
    let lines = ProgramFrame(
      file: "transfer.py", source: program.sourceLines, view: view, pace: .paused, focus: 2
    ).draw(width: 80, height: 24).lines
    #expect(lines[0].hasSuffix("· deadlock") || lines[0].contains("· deadlock "), "\(lines[0])")
    for (mark, code) in [("0▶", "t1.join()"), ("1▶", "with lock_b:"), ("2▶", "lock_a.acquire()")] {
      #expect(lines.contains { $0.contains(mark) && $0.contains(code) }, "\(lines)")
    }
    #expect(lines.contains { $0.contains("│deadlock: every thread waits") }, "\(lines)")
    #expect(lines.last?.hasPrefix(" u undo  q quit") == true, "\(lines.last ?? "")")
    // Each waiter's lock and who holds it, whole (not `with lock_b: acquire, 2 h`);
    // the holders listed by name in the globals; a long name cut with ….
    #expect(lines.contains { $0.contains("│  lock_b: 2 has it") }, "\(lines)")
    #expect(lines.contains { $0.contains("│  lock_a.acquire(), 1 has it│") }, "\(lines)")
    #expect(lines.contains { $0.contains("lock_a held by 1") }, "\(lines)")
    #expect(lines.contains { $0.contains("Thread-2 (bob_to_…│") }, "\(lines)")
    let chinese = ProgramFrame(
      file: "transfer.py", source: program.sourceLines, view: view, pace: .paused, focus: 2,
      words: ProgramWords.of(.zh)
    ).draw(width: 80, height: 24).lines
    #expect(chinese.contains { $0.contains("│  lock_b（由 2 持有）") }, "\(chinese)")
    #expect(chinese.contains { $0.contains("锁：lock_a 由 1 号持有") }, "\(chinese)")
  }

  @Test(
    "interleave run FILE.py in a terminal: n steps, f runs freely to the end, q quits", Tmux.suite)
  func inTerminal() throws {
    let tmux = try Tmux(width: 80, height: 24)
    try tmux.launch("run '\(ProgramCommandTests.program("seed-race.py"))'")
    try tmux.waitFor("step 0 · paused")
    for _ in 0..<5 { try tmux.keys("n") }
    let stepped = try tmux.waitFor("step 5 · paused")
    #expect(stepped.contains { $0.contains("▶") && $0.contains("balance") }, "\(stepped)")
    #expect(stepped.contains { $0.contains("<class 'threading.Thread'>") })
    try tmux.keys("f")
    let end = try tmux.waitFor("· finished")
    #expect(end.contains { $0.hasPrefix("│balance = ") }, "\(end)")
    try tmux.keys("q")
    try tmux.waitFor("EXIT=0")
  }

  /// `programs/race.py` with 1,000 rounds a thread (the debug build's
  /// interpreter takes seconds over a million), written to a temporary file
  /// named after `name`; returns its path.
  static func shortRace(_ name: String) throws -> String {
    let text = try String(
      contentsOfFile: ProgramCommandTests.program("race.py"), encoding: .utf8
    ).replacingOccurrences(of: "range(1000000)", with: "range(1000)")
    let race = FileManager.default.temporaryDirectory
      .appendingPathComponent("interleave-\(name)-\(getpid()).py").path
    try text.write(toFile: race, atomically: true, encoding: .utf8)
    return race
  }

  @Test(
    "--speed starts the steps on their own (full: freely to the end), --paused holds them",
    Tmux.suite)
  func startingSpeed() throws {
    let race = try Self.shortRace("speed")
    defer { try? FileManager.default.removeItem(atPath: race) }
    // A session each: a finished run's EXIT=0 stays on the shell's screen.
    let free = try Tmux(width: 80, height: 24)
    try free.launch("run '\(race)' --speed full")
    let end = try free.waitFor("· finished")
    #expect(end.contains { $0.hasPrefix("│balance = ") }, "\(end)")
    try free.keys("q")
    try free.waitFor("EXIT=0")
    let paced = try Tmux(width: 80, height: 24)
    try paced.launch("run '\(race)' --speed 100")
    // It steps unasked.
    try paced.waitFor("step 3 · stepping, 10 steps/s")
    try paced.keys("q")
    try paced.waitFor("EXIT=0")
    let held = try Tmux(width: 80, height: 24)
    try held.launch("run '\(race)' --speed 100 --paused")
    try held.waitFor("step 0 · paused")
    try held.keys(" ")
    try held.waitFor("stepping, 10 steps/s")
    try held.keys("q")
    try held.waitFor("EXIT=0")
  }

  @Test(
    "a pace faster than the frames takes several steps a frame: the steps a second said are taken",
    Tmux.suite)
  func fastPace() throws {
    let race = try Self.shortRace("pace")
    defer { try? FileManager.default.removeItem(atPath: race) }
    let tmux = try Tmux(width: 80, height: 24)
    try tmux.launch("run '\(race)' --speed 4")
    // The step the header says it is at.
    func step() throws -> Int? {
      try tmux.screen().lazy.compactMap { row in
        row.firstMatch(of: /step (\d+) · stepping, 250 steps\/s/).map { Int($0.1)! }
      }.first
    }
    var first: Int?
    let paced = Wait.until(10, every: 20) {
      first = try? step()
      return first != nil
    }
    try #require(paced)
    // 250 a second: 150 more take 0.6 s. One a frame (a frame waits up to
    // 50 ms for a key) would take 7.5 s.
    let moved = Wait.until(5, every: 20) { ((try? step()) ?? 0) >= first! + 150 }
    let screen = try tmux.screen()
    #expect(moved, "\(screen)")
    try tmux.keys("q")
    try tmux.waitFor("EXIT=0")
  }

  @Test("the seed's race at 80x24 after a lost update's first half: a whole-frame snapshot")
  func raceSnapshot() throws {
    let path = ProgramCommandTests.program("seed-race.py")
    let program = try ProgramSource.load(path)
    let stepper = ProgramStepper(program: program, cpuCount: 2)
    defer { stepper.stop() }
    #expect(stepper.start())
    var guardSteps = 0
    while stepper.view().runnable.contains(0), guardSteps < 50 {
      stepper.step(0)
      guardSteps += 1
    }
    // Both read 0; thread 2 writes 8; thread 1 is about to write 5 over it.
    for slot in [1, 2, 2] { #expect(stepper.step(slot)) }
    let canvas = ProgramFrame(
      file: "programs/seed-race.py", source: program.sourceLines, view: stepper.view(),
      pace: .paused, focus: 1
    ).draw(width: 80, height: 24)
    #expect(canvas.lines.contains { $0.contains("write balance = 5") }, "\(canvas.lines)")
    // Who wrote the value the other is about to overwrite.
    #expect(canvas.lines.contains { $0.contains("│balance = 8  written by 2") }, "\(canvas.lines)")
    Snapshot.check(canvas, named: "program-race-80x24")
    // e: thread 1's `balance += n` taken apart: it has read, it writes next.
    let expanded = ProgramFrame(
      file: "programs/seed-race.py", source: program.sourceLines, view: stepper.view(),
      pace: .paused, focus: 1, expansion: stepper.lineSteps(1)
    ).draw(width: 80, height: 24).lines
    let at = try #require(expanded.firstIndex { $0.contains("1▶") && $0.contains("balance += n") })
    #expect(expanded[at + 1].contains("✓ read balance → 0"), "\(expanded)")
    #expect(expanded[at + 2].contains("▶ write balance = 5"), "\(expanded)")
    // Whose steps they are, in words (another thread may share the line).
    #expect(expanded[at + 1].hasPrefix("│thread 1 "), "\(expanded)")
    #expect(expanded.contains { $0.contains("2▶") && $0.contains("balance -= n") }, "\(expanded)")
  }

  @Test(
    "in a terminal: what is still possible narrows with each step, and u takes a step back (before any, says there is none)",
    Tmux.suite)
  func undoInTerminal() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("undo-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("race.py").path
    let seed = try String(
      contentsOfFile: ProgramCommandTests.program("seed-race.py"), encoding: .utf8)
    try seed.replacingOccurrences(of: "range(100)", with: "range(2)")
      .write(toFile: file, atomically: true, encoding: .utf8)
    let tmux = try Tmux(width: 80, height: 24)
    try tmux.launch("run '\(file)'")
    // Every outcome of the program is possible at first (the rarest first).
    try tmux.waitFor(all: ["step 0 · paused", "can still end", "32×  balance -21"])
    // Before any step, u and a key the screen has no use for each say so.
    try tmux.keys("u")
    try tmux.waitFor("nothing to undo: no step has been taken yet")
    try tmux.keys("?")
    try tmux.waitFor("keys: n step, 0-9 that thread, e expand a line")
    try tmux.keys("d")
    try tmux.waitFor("no 'd' key here: n step, 0-9 that thread")
    for key in ["n", "n", "n", "n", "1", "2"] { try tmux.keys(key) }
    let stepped = try tmux.waitFor(all: ["step 6 · paused", "can still end"])
    #expect(stepped.contains { $0.contains("write balance = ") }, "\(stepped)")
    // A lost update has begun: the count narrowed.
    #expect(!stepped.contains { $0.contains("32×  balance -21") }, "\(stepped)")
    try tmux.keys("u")
    try tmux.waitFor("step 5 · paused")
    // The main thread waits in join(): its digit says why nothing happens.
    try tmux.keys("0")
    try tmux.waitFor("thread 0 cannot go now: it waits (t1.join())")
    try tmux.keys("q")
    try tmux.waitFor("EXIT=0")
  }

  @Test(
    "--record: the program's screen goes to a valid cast; with --plain it is refused", Tmux.suite)
  func record() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rec-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let cast = folder.appendingPathComponent("race.cast").path
    let program = ProgramCommandTests.program("seed-race.py")
    let tmux = try Tmux(width: 80, height: 24)
    try tmux.launch("run '\(program)' --record '\(cast)'")
    try tmux.waitFor("step 0 · paused")
    try tmux.keys("n")
    try tmux.waitFor("step 1 · paused")
    try tmux.keys("q")
    try tmux.waitFor("EXIT=0")
    let lines = try String(contentsOfFile: cast, encoding: .utf8).split(separator: "\n")
    let header = try #require(
      try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    #expect(header["version"] as? Int == 2 && header["width"] as? Int == 80)
    #expect(
      lines.dropFirst().allSatisfy {
        (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil
      })
    #expect(lines.contains { $0.contains("code: ▶ each thread's next step, ✓ last step") })
    let plain = try Binary.run(["run", program, "--plain", "--record", cast])
    #expect(plain.status == 64)
    #expect(plain.stderr.contains("--record \(cast): --plain"), "\(plain.stderr)")
  }
}

@Suite("The next thread in turn, with sleeps on their own clock")
struct SleepClockTests {
  @Test("a sleeping thread waits while others can go; when none can, the first to wake goes")
  func sleepersGoLast() {
    // Main (0) sleeps 3 s; worker 1 sleeps 0.1 s: 1 goes on while 0 sleeps.
    #expect(SleepClock.next(runnable: [0, 1, 2], turn: 0, taken: [0], slept: [3]) == 1)
    #expect(
      SleepClock.next(runnable: [0, 1, 2], turn: 1, taken: [0, 1], slept: [3, 0.1]) == 2)
    // Only sleepers left: the one that wakes first, 1 at 0.1 s.
    #expect(SleepClock.next(runnable: [0, 1], turn: 1, taken: [0, 1], slept: [3, 0.1]) == 1)
    // 1 has slept its 0.1 s (the clock moved on) and sleeps 0.1 s again
    // (waking at 0.2 s), before 0 at 3 s.
    #expect(
      SleepClock.next(runnable: [0, 1], turn: 1, taken: [0, 1, 1], slept: [3, 0.1, 0.1]) == 1)
    // With no sleeps, the threads take turns as before.
    #expect(SleepClock.next(runnable: [0, 1, 2], turn: 2, taken: [2], slept: [nil]) == 0)
    #expect(SleepClock.next(runnable: [], turn: 0, taken: [], slept: []) == nil)
  }
}
