import InterleaveTestSupport
import Testing

@testable import InterleaveProgram

/// A program driven one step at a time on its real threads.
@Suite("Programs stepped on real threads")
struct ProgramStepperTests {
  /// Steps `stepper` through `schedule`, checking before each step that it
  /// can go and that every thread stands on the line the model says.
  /// - Returns: what the threads said their next steps would do.
  @discardableResult
  static func walk(_ stepper: ProgramStepper, _ schedule: [Int]) -> Set<String> {
    var said: Set<String> = []
    for slot in schedule {
      let view = stepper.view()
      said.formUnion(view.threads.compactMap { $0.next?.english })
      #expect(view.runnable.contains(slot), "step \(slot) of \(schedule)")
      let expected = stepper.modelLines()
      for (index, thread) in view.threads.enumerated() where thread.state != .finished {
        #expect(thread.line == expected[index], "\(thread.name) in \(schedule)")
      }
      #expect(stepper.step(slot), "step \(slot) of \(schedule)")
    }
    return said
  }

  /// The main thread steps until it waits (it has started its threads).
  static func stepMainWhileItCan(_ stepper: ProgramStepper) {
    for _ in 0..<20 where stepper.view().runnable.contains(0) { stepper.step(0) }
  }

  /// A producer and a consumer on a condition: the consumer's wait blocks
  /// until the producer notifies, and its wake is a step of its own.
  static let condition = """
    import threading
    cond = threading.Condition(threading.Lock())
    items = []
    got = 0
    def consume():
        global got
        with cond:
            while len(items) == 0:
                cond.wait()
            got = items.pop(0)
    def produce():
        with cond:
            items.append(7)
            cond.notify()
    c = threading.Thread(target=consume)
    p = threading.Thread(target=produce)
    c.start()
    p.start()
    c.join()
    p.join()
    print(got)
    """

  @Test(
    "a condition's wait and wake, stepped and replayed on the real threads, as the model has them")
  func conditionWitnesses() throws {
    let program = try ProgramSource.compile(Self.condition, file: "/t/c.py")
    var explorer = ProgramExplorer(ProgramModel(program))
    let results = try explorer.explore()
    #expect(!results.isEmpty)
    // Every schedule's witness, and the longest one too (it waits).
    for result in results {
      let stepper = ProgramStepper(program: program, cpuCount: 2)
      defer { stepper.stop() }
      #expect(stepper.start())
      Self.walk(stepper, result.witness)
      #expect(stepper.view().runnable.isEmpty)
      #expect(stepper.view().output == "7\n", "\(result.witness)")
      let replay = ProgramRun(program).run(
        output: { _ in }, errors: { _ in }, schedule: result.witness)
      #expect(replay.outcome == result.outcome.text, "\(result.witness)")
    }
    // A schedule where the consumer waits first, then is woken.
    let model = ProgramModel(program)
    var state = model.initial()
    var schedule: [Int] = []
    while let slot = model.runnable(state).first(where: { $0 == 1 }) ?? model.runnable(state).first
    {
      schedule.append(slot)
      state = model.step(state, slot)
    }
    let stepper = ProgramStepper(program: program, cpuCount: 2)
    defer { stepper.stop() }
    #expect(stepper.start())
    for slot in schedule { #expect(stepper.step(slot), "\(schedule)") }
    #expect(stepper.view().output == "7\n", "\(schedule)")
  }

  @Test(
    "each witness, stepped on the real threads: every thread stands where the model says, and it ends there"
  )
  func steppedLikeTheModel() throws {
    let text = ProgramExplorerTests.race(threads: 2, iterations: 2)
    let program = try ProgramSource.compile(text, file: "/t/p.py")
    var explorer = ProgramExplorer(ProgramModel(program))
    let results = try explorer.explore()
    for result in results.prefix(6) {
      let stepper = ProgramStepper(program: program, cpuCount: 2)
      defer { stepper.stop() }
      #expect(stepper.start())
      let said = Self.walk(stepper, result.witness)
      // Each step said what it would do: reads, and writes with their value.
      #expect(said.contains { $0.hasPrefix("read balance, now ") })
      #expect(said.contains { $0.hasPrefix("write balance = ") })
      let end = stepper.view()
      #expect(end.runnable.isEmpty && !end.deadlock)
      let balance = end.globals.first { $0.name == "balance" }?.value
      #expect("balance \(balance ?? "?")" == result.outcome.text)
      #expect(end.threads.allSatisfy { $0.state == .finished && !$0.cutOff }, "\(end.threads)")
      #expect(end.output.hasSuffix("balance = \(balance ?? "?")\n"))
    }
  }

  @Test("a thread's ident in what the model says next is the real thread's, as the globals show it")
  func realIdents() throws {
    let program = try ProgramSource.compile(
      """
      import _thread
      import time
      t = 0
      def work():
          pass
      t = _thread.start_new_thread(work, ())
      time.sleep(1)
      """, file: "/t/i.py")
    let stepper = ProgramStepper(program: program, cpuCount: 2)
    defer { stepper.stop() }
    #expect(stepper.start())
    var said: String?
    for _ in 0..<20 where stepper.view().runnable.contains(0) {
      if let next = stepper.view().threads[0].next?.english, next.hasPrefix("write t = "),
        next != "write t = 0"
      {
        said = next
        break
      }
      stepper.step(0)
    }
    #expect(stepper.step(0))
    let written = stepper.view().globals.first { $0.name == "t" }?.value
    #expect(written != nil && written != "0" && written != "1001")
    #expect(said == "write t = \(written ?? "?")")
    // Next, the sleep: one step, whatever its length, and the screen says so.
    #expect(stepper.view().threads[0].next == .sleep(call: "time.sleep(1)", seconds: 1))
  }

  @Test("let go, a thread blocked in join() is shown waiting at its line, not running")
  func blockedWhenFree() throws {
    let program = try ProgramSource.compile(
      """
      import threading
      cond = threading.Condition(threading.Lock())
      def work():
          with cond:
              cond.wait(30)
      t = threading.Thread(target=work)
      t.start()
      t.join()
      """, file: "/t/j.py")
    let stepper = ProgramStepper(program: program, cpuCount: 2)
    defer { stepper.stop() }
    #expect(stepper.start())
    stepper.letGo()
    var main: ProgramStepper.ThreadView?
    // The worker's timed wait outlasts the test: the main thread stays in
    // join() until stop, which cuts the wait short. (Let go, a timed wait
    // keeps its timeout: no deadlock is found.)
    let blocked = Wait.until(10) {
      main = stepper.view().threads.first
      return main?.state == .waiting
    }
    #expect(blocked, "\(String(describing: main))")
    #expect(main?.line == 8)
    // The thread in a timed wait will go on by itself: not blocked.
    #expect(stepper.view().threads.dropFirst().allSatisfy { $0.state != .waiting })
    #expect(!stepper.view().deadlock)
  }

  @Test("let go at full speed, a timed wait times out as in Python: the run ends, no deadlock")
  func timedWaitWhenFree() throws {
    let program = try ProgramSource.compile(
      """
      import threading
      cond = threading.Condition(threading.Lock())
      def work():
          with cond:
              cond.wait(0.2)
      t = threading.Thread(target=work)
      t.start()
      t.join()
      print("joined")
      """, file: "/t/w.py")
    let stepper = ProgramStepper(program: program, cpuCount: 2)
    defer { stepper.stop() }
    #expect(stepper.start())
    stepper.letGo()
    // Let go, the model stays where it was: the real threads say the end.
    #expect(Wait.until(10) { stepper.view().ended || stepper.view().deadlock })
    let view = stepper.view()
    #expect(view.ended)
    #expect(!view.deadlock, "a timed wait taken for a deadlock")
    #expect(view.output.contains("joined"), "\(view.output)")
  }

  @Test("a _thread thread the main thread's end cuts off is shown cut off, not finished")
  func cutOff() throws {
    let program = try ProgramSource.compile(
      """
      import _thread
      import time
      done = 0
      def work():
          global done
          done = 1
      _thread.start_new_thread(work, ())
      time.sleep(1)
      print("main done")
      """, file: "/t/c.py")
    let stepper = ProgramStepper(program: program, cpuCount: 2)
    defer { stepper.stop() }
    #expect(stepper.start())
    // Only the main thread steps: it ends, and the program with it.
    Self.stepMainWhileItCan(stepper)
    stepper.awaitEnd()
    let view = stepper.view()
    #expect(view.ended)
    #expect(view.threads.map(\.cutOff) == [false, true], "\(view.threads)")
    #expect(view.globals.first { $0.name == "done" }?.value == "0")
  }

  /// Runs `program` let go at step 0 (as `f` does) and gives its view at its end.
  static func letGoToEnd(_ program: Program) -> ProgramStepper.View {
    let stepper = ProgramStepper(program: program, cpuCount: 2)
    defer { stepper.stop() }
    #expect(stepper.start())
    stepper.letGo()
    #expect(Wait.until(20) { stepper.view().ended })
    return stepper.view()
  }

  @Test(
    "let go at step 0, time.sleep takes its time again: the workers end before main, as in CPython"
  )
  func sleepsWhenFree() throws {
    // The tutorial's `_thread` listing in short: the main thread's sleep
    // is all that lets the workers end. Let go, a sleep that took no time
    // ended the run under them, and both were said to have finished.
    let program = try ProgramSource.compile(
      """
      import _thread
      import time
      balance = 0
      def increase(inc, lock):
          global balance
          lock.acquire()
          for i in range(2000):
              balance += inc
          time.sleep(0.05)
          lock.release()
      lock = _thread.allocate_lock()
      _thread.start_new_thread(increase, (1, lock))
      _thread.start_new_thread(increase, (10, lock))
      time.sleep(3)
      print(balance)
      """, file: "/t/s.py")
    let view = Self.letGoToEnd(program)
    #expect(view.output.contains("22000"), "\(view.output)")
    #expect(view.threads.map(\.cutOff) == [false, false, false], "\(view.threads)")
  }

  @Test("let go, a _thread thread the main thread's end cuts off is shown cut off, not finished")
  func cutOffWhenFree() throws {
    let program = try ProgramSource.compile(
      """
      import _thread
      import time
      def work():
          time.sleep(30)
      _thread.start_new_thread(work, ())
      time.sleep(0.2)
      print("main done")
      """, file: "/t/f.py")
    let view = Self.letGoToEnd(program)
    #expect(view.output.contains("main done"), "\(view.output)")
    #expect(view.threads.map(\.cutOff) == [false, true], "\(view.threads)")
  }

  @Test(
    "two locks taken in opposite orders: stepped into a deadlock, which the view reports; stop still ends it"
  )
  func deadlock() throws {
    let program = try ProgramSource.compile(
      """
      import threading
      a = threading.Lock()
      b = threading.Lock()
      def one():
          with a:
              with b:
                  pass
      def two():
          with b:
              with a:
                  pass
      t = threading.Thread(target=one)
      u = threading.Thread(target=two)
      t.start()
      u.start()
      t.join()
      u.join()
      """, file: "/t/d.py")
    let stepper = ProgramStepper(program: program, cpuCount: 2)
    defer { stepper.stop() }
    #expect(stepper.start())
    // Main starts both threads and waits; each takes its first lock.
    Self.stepMainWhileItCan(stepper)
    #expect(stepper.step(1))
    #expect(stepper.step(2))
    let view = stepper.view()
    #expect(view.deadlock, "\(view.threads) runnable \(view.runnable)")
    #expect(!stepper.step(1))
    #expect(view.threads.filter { $0.state == .waiting }.count == 3, "\(view.threads)")
  }

  @Test(
    "the outcomes still reachable narrow as steps are taken: all 23 at the start, fewer after a lost update begins"
  )
  func reachable() throws {
    let program = try ProgramSource.compile(
      ProgramExplorerTests.race(threads: 2, iterations: 2), file: "/t/p.py")
    let stepper = ProgramStepper(program: program, cpuCount: 2)
    defer { stepper.stop() }
    #expect(stepper.start())
    let start = try #require(stepper.reachable(limit: 100_000))
    #expect(start.count == 23)
    #expect(start.compactMap(\.schedules).reduce(0, +) == 12_870)
    Self.stepMainWhileItCan(stepper)
    // Both threads read the balance (0) before either writes: one update
    // will be lost, and fewer schedules and outcomes are left.
    #expect(stepper.step(1))
    #expect(stepper.step(2))
    let after = try #require(stepper.reachable(limit: 100_000))
    #expect(after.count < 23 && !after.isEmpty, "\(after)")
    #expect(after.compactMap(\.schedules).reduce(0, +) < 12_870)
    #expect(stepper.taken.suffix(2) == [1, 2])
    #expect(stepper.reachable(limit: 10) == nil)
  }

  @Test("the outcomes still reachable show what differs between them; the last one left, all of it")
  func reachableShowsWhatDiffers() throws {
    let program = try ProgramSource.compile(
      """
      import _thread
      balance = 0
      done = True
      def add(n):
          global balance
          balance = balance + n
      t1 = _thread.start_new_thread(add, (1,))
      t2 = _thread.start_new_thread(add, (10,))
      """, file: "/t/p.py")
    let stepper = ProgramStepper(program: program, cpuCount: 2)
    defer { stepper.stop() }
    #expect(stepper.start())
    let start = try #require(stepper.reachable(limit: 100_000)).map(\.outcome)
    // The model's idents of t1 and t2 and the flag are the same in every
    // outcome: the rows say only the balance.
    #expect(start.contains("balance 11") && start.contains("balance 0"), "\(start)")
    #expect(start.allSatisfy { !$0.contains("t1") && !$0.contains("done") }, "\(start)")
    while let slot = stepper.view().runnable.first {
      guard stepper.step(slot) else { break }
      if let left = stepper.reachable(limit: 100_000), left.count == 1 {
        #expect(left[0].outcome.contains("done True"), "\(left)")
        return
      }
    }
    Issue.record("no step left a single outcome")
  }
}
