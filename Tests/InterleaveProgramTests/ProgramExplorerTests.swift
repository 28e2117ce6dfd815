import Testing

@testable import InterleaveProgram

@Suite("Programs explored")
struct ProgramExplorerTests {
  /// The seed's race listing with `range(iterations)` and `threads` threads
  /// adding 5, 8, 13.
  static func race(threads: Int, iterations: Int) -> String {
    let amounts = [5, 8, 13].prefix(threads)
    return """
      import time, threading
      balance = 0
      def change_it(n):
          global balance
          balance += n
          balance -= n
      def run_thread(n):
          for _ in range(\(iterations)):
              change_it(n)
      threads = [threading.Thread(target=run_thread, args=(n,)) for n in \(Array(amounts))]
      for t in threads:
          t.start()
      for t in threads:
          t.join()
      print(f"balance = {balance}")
      """
  }

  static func explore(_ text: String) throws -> [ProgramExplorer.Result] {
    var explorer = ProgramExplorer(ProgramModel(try ProgramSource.compile(text, file: "/t/p.py")))
    return try explorer.explore()
  }

  @Test("the seed's race as shipped (range(100)) is refused from an estimate, early in the work")
  func refusedEarly() throws {
    let program = try ProgramSource.compile(Self.race(threads: 2, iterations: 100), file: "/t/p.py")
    var explorer = ProgramExplorer(ProgramModel(program), limit: 2_000_000)
    do {
      _ = try explorer.explore()
      Issue.record("explored")
    } catch {
      guard case .estimate(let states) = error.reason else {
        Issue.record("not refused from an estimate: \(error)")
        return
      }
      #expect(states > 2_000_000)
      #expect(explorer.states < 200_000, "refused after \(explorer.states) states")
      #expect(error.description.contains("too large to explore here"))
    }
  }

  @Test("a thread spinning on a flag another sets is a step bound reached, said as such")
  func spinning() throws {
    let text = """
      import threading
      flag = False
      def w():
          while not flag:
              pass
      t = threading.Thread(target=w)
      t.start()
      flag = True
      t.join()
      """
    var explorer = ProgramExplorer(
      ProgramModel(try ProgramSource.compile(text, file: "/t/p.py")), stepLimit: 2_000)
    #expect(explorer.depth(from: explorer.model.initial()) != nil, "one schedule ends")
    do {
      _ = try explorer.explore()
      Issue.record("explored")
    } catch {
      #expect(error.reason == .steps)
      #expect(error.description.contains("a schedule runs past 2,000 steps"))
    }
  }

  @Test(
    "a loop that touches nothing shared: a daemon's is no error (the program ends), another's is said"
  )
  func endlessLoops() throws {
    let program = { (daemon: Bool) in
      """
      import threading
      def w():
          while True:
              pass
      t = threading.Thread(target=w, daemon=\(daemon ? "True" : "False"))
      t.start()
      print("main done")
      """
    }
    let daemon = try Self.explore(program(true))
    #expect(daemon.map(\.outcome.text) == ["ends"])
    let plain = try Self.explore(program(false))
    #expect(plain.map(\.outcome.text) == ["Thread-1 (w) loops without end"])
  }

  @Test("the seed's race with range(2): 12,870 schedules, the built-in race's 23 outcomes")
  func seedRace() throws {
    let results = try Self.explore(Self.race(threads: 2, iterations: 2))
    #expect(results.compactMap(\.schedules).reduce(0, +) == 12_870)
    let histogram = Dictionary(
      uniqueKeysWithValues: results.map { ($0.outcome.text, $0.schedules ?? 0) })
    #expect(results.count == 23)
    #expect(histogram["balance 0"] == 3_462)
    #expect(histogram["balance -8"] == 1_456)
    #expect(histogram["balance -21"] == 32)
    #expect(histogram["balance 6"] == 16)
    let correct = try #require(results.first { $0.outcome.text == "balance 0" })
    #expect(correct.preemptions == 0)
    let lost = try #require(results.first { $0.outcome.text == "balance -8" })
    #expect(lost.preemptions == 2)
  }

  @Test("three threads (5, 8, 13) with range(2): 9,465,511,770 schedules")
  func threeThreads() throws {
    let results = try Self.explore(Self.race(threads: 3, iterations: 2))
    #expect(results.compactMap(\.schedules).reduce(0, +) == 9_465_511_770)
  }

  @Test("a lock: every schedule ends balance 0; two locks taken in opposite orders can deadlock")
  func locks() throws {
    let locked = try Self.explore(
      """
      import threading
      balance = 0
      lock = threading.Lock()
      def run(n):
          for _ in range(2):
              with lock:
                  balance_add(n)
      def balance_add(n):
          global balance
          balance += n
          balance -= n
      a = threading.Thread(target=run, args=(5,))
      b = threading.Thread(target=run, args=(8,))
      a.start(); b.start(); a.join(); b.join()
      """)
    #expect(locked.map(\.outcome.text) == ["balance 0"])
    let deadlock = try Self.explore(
      """
      import threading
      a = threading.Lock()
      b = threading.Lock()
      done = 0
      def one():
          global done
          with a:
              with b:
                  done += 1
      def two():
          global done
          with b:
              with a:
                  done += 1
      t = threading.Thread(target=one)
      u = threading.Thread(target=two)
      t.start(); u.start(); t.join(); u.join()
      """)
    #expect(deadlock.map(\.outcome.text) == ["done 2", "deadlock, done 0"])
  }

  @Test("threads left waiting on a condition nobody will notify end in a hang, not a deadlock")
  func hang() throws {
    let results = try Self.explore(
      """
      import threading
      lock = threading.Lock()
      cond = threading.Condition(lock)
      ready = False
      def waiter():
          with cond:
              while not ready:
                  cond.wait()
      t = threading.Thread(target=waiter)
      t.start()
      t.join()
      """)
    #expect(results.map(\.outcome.text) == ["hang, ready False"], "\(results.map(\.outcome.text))")
    #expect(results.allSatisfy { $0.outcome.deadlock && $0.outcome.hang })
  }

  @Test("a check-then-act withdrawal can overdraw, and an empty pop raises IndexError in a thread")
  func errors() throws {
    let results = try Self.explore(
      """
      import threading
      items = [1]
      def take():
          if len(items) > 0:
              items.pop(0)
      t = threading.Thread(target=take)
      u = threading.Thread(target=take)
      t.start(); u.start(); t.join(); u.join()
      """)
    let texts = results.map(\.outcome.text)
    #expect(texts.contains("items []"))
    #expect(texts.contains { $0.hasPrefix("IndexError in Thread-") })
  }

  @Test("every outcome's simplest schedule, replayed on real threads, ends in that outcome")
  func witnessesReplay() throws {
    let text = Self.race(threads: 2, iterations: 2)
    let program = try ProgramSource.compile(text, file: "/t/p.py")
    var explorer = ProgramExplorer(ProgramModel(program))
    let results = try explorer.explore()
    #expect(results.count == 23)
    for result in results {
      let replay = ProgramRun(program).run(
        output: { _ in }, errors: { _ in }, schedule: result.witness)
      #expect(replay.outcome == result.outcome.text, "schedule \(result.witness)")
    }
  }
}
