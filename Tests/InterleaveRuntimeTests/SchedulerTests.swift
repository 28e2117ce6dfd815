import InterleaveTestSupport
import Testing

@testable import InterleaveRuntime

@Suite("Seeded scheduling")
struct SchedulerTests {
  /// A run's events without timestamps, in order.
  static func log(_ configuration: RunConfiguration, chooser: ScheduleChooser) -> (
    events: [String], run: Run
  ) {
    let run = Run(configuration, chooser: chooser)
    var events: [Event] = []
    Wait.until(30, every: 1) {
      run.queue.drain(into: &events)
      return run.isFinished
    }
    #expect(run.ended(), "the run hung")
    run.queue.drain(into: &events)
    let text = events.map { event -> String in
      switch event.kind {
      // Kernel ids differ from run to run; everything else must not.
      case .started: return "\(event.thread) started"
      default: return "\(event.thread) \(event.kind)"
      }
    }
    return (text, run)
  }

  @Test("the same seed gives the same events and the same balance")
  func sameSeedSameRun() {
    let configuration = RunConfiguration(scenario: .race, threads: 3, iterations: 20)
    let first = Self.log(configuration, chooser: SeededChooser(seed: 99))
    let second = Self.log(configuration, chooser: SeededChooser(seed: 99))
    #expect(first.events == second.events)
    #expect(first.run.balance == second.run.balance)
    #expect(first.events.count > 3 * 20 * 4)
    let other = Self.log(configuration, chooser: SeededChooser(seed: 100))
    #expect(other.events != first.events, "two seeds gave the same interleaving")
  }

  @Test(
    "across 150 seeds locked never loses an update; race does for some, and what it lost is the drift"
  )
  func manySeeds() {
    var raceLost = 0
    for seed in 0..<150 {
      let locked = Run(
        RunConfiguration(scenario: .locked, threads: 2, iterations: 2),
        chooser: SeededChooser(seed: UInt64(seed)))
      #expect(locked.ended(), "the run hung")
      #expect(locked.balance == 0)
      #expect(locked.summary().lostUpdates == 0)
      let race = Run(
        RunConfiguration(scenario: .race, threads: 2, iterations: 2),
        chooser: SeededChooser(seed: UInt64(seed)))
      #expect(race.ended(), "the run hung")
      var events: [Event] = []
      race.queue.drain(into: &events)
      let lost = events.lostUpdates
      let summary = race.summary()
      #expect(summary.lostUpdates == lost.count)
      // Exact accounting: the balance is short by what the lost updates wiped out.
      #expect(lost.reduce(0) { $0 + $1.amount } == -(summary.drift ?? 0))
      if !lost.isEmpty { raceLost += 1 }
    }
    #expect(raceLost > 0 && raceLost < 150, "race lost updates under \(raceLost) of 150 seeds")
  }

  @Test("a lost update names the victim's own change, even when its read was already stale")
  func victimsOwnChange() {
    // Thread-1 (n = 5) reads 0, writes 5, reads 5; Thread-2 (n = 8) reads 5,
    // writes 13, reads 13; Thread-1 writes 0 over the 13; Thread-2 writes 5
    // over the 0. The second loss wipes out Thread-1's -5, though the
    // balance moved by -13 between Thread-2's read and its write.
    let run = Run(
      RunConfiguration(scenario: .race, threads: 2, iterations: 1),
      chooser: ReplayChooser(order: [1, 1, 1, 2, 2, 2, 1, 2]))
    #expect(run.ended(), "the run hung")
    var events: [Event] = []
    run.queue.drain(into: &events)
    let lost = events.lostUpdates
    #expect(lost.map(\.victim) == [2, 1])
    #expect(lost.map(\.victimChange) == [8, -5])
    #expect(lost.map(\.amount) == [8, -13])
    #expect(run.balance == 5)
  }

  @Test("replaying a run's thread order reproduces it exactly")
  func replay() throws {
    let configuration = RunConfiguration(scenario: .race, threads: 3, iterations: 10)
    let seeded = Self.log(configuration, chooser: SeededChooser(seed: 7))
    let order = try #require(seeded.run.scheduler?.order)
    let text = ScheduleFile.text(order: order, configuration: configuration)
    let replayed = Self.log(
      configuration,
      chooser: ReplayChooser(order: try ScheduleFile.order(from: text, for: configuration)))
    #expect(replayed.events == seeded.events)
    #expect(replayed.run.balance == seeded.run.balance)
  }

  @Test("a lost update under a scheduler names both steps")
  func lostUpdateSteps() {
    // Thread-1 reads (1), Thread-2 reads (2), Thread-1 writes 5 (3), Thread-2 writes 8 (4).
    let run = Run(
      RunConfiguration(scenario: .race, threads: 2, iterations: 1),
      chooser: ReplayChooser(order: [1, 2, 1, 2, 1, 1, 2, 2]))
    #expect(run.ended(), "the run hung")
    var events: [Event] = []
    run.queue.drain(into: &events)
    let first = events.lostUpdates.first
    var expected = LostUpdate(
      victim: 1, readValue: 0, overwritten: 5, written: 8, step: 4, victimStep: 3)
    expected.victimChange = 5
    #expect(first == expected)
  }

  @Test("a schedule that does not fit names the step")
  func misfit() {
    let configuration = RunConfiguration(scenario: .race, threads: 2, iterations: 2)
    let run = Run(configuration, chooser: ReplayChooser(order: [1, 1, 3]))
    #expect(run.ended(), "the run hung")
    #expect(
      run.scheduler?.failure == ScheduleError("step 3: thread 3 cannot run now (runnable: 1, 2)"))
    #expect(throws: ScheduleError.self) {
      try ScheduleFile.order(
        from: "# interleave schedule v1: race threads=2 iterations=2\n1\nx\n", for: configuration)
    }
    #expect {
      try ScheduleFile.order(
        from: "# interleave schedule v1: race threads=2 iterations=2\n1\nx\n", for: configuration)
    } throws: { "\($0)" == "line 3: expected a thread number 1...2, got 'x'" }
  }

  @Test("a seeded deadlock is found exactly: nobody can run while two wait")
  func exactDeadlock() throws {
    // Thread-1 takes B, Thread-2 takes A, then each wants the other's.
    let run = Run(
      RunConfiguration(scenario: .deadlock, threads: 2, iterations: 1),
      chooser: ReplayChooser(order: [1, 1, 2, 2, 1, 2]))
    Wait.until(5) { run.deadlock != nil }
    let cycle = try #require(run.deadlock)
    #expect(run.scheduler?.deadlocked == true)
    #expect(Set(cycle.links.map(\.thread)) == [1, 2])
    run.cancel()
    #expect(run.threads().allSatisfy { $0.state.isDone })
  }

  @Test("paused single steps advance the seeded schedule one step at a time")
  func pausedSteps() {
    let run = Run(
      RunConfiguration(scenario: .race, threads: 2, iterations: 5), paused: true,
      chooser: SeededChooser(seed: 3))
    run.pacer.allowSteps(4)
    func steps() -> Int { run.threads().reduce(0) { $0 + $1.steps } }
    // Four steps, and the thread whose turn it is held by the pause with no
    // step left: the others wait for it, so nothing can move.
    #expect(Wait.until(5) { steps() == 4 && run.pacer.parkedThreads == 1 })
    #expect(steps() == 4)
    run.pacer.resume()
    #expect(run.ended(), "the run hung")
    #expect(run.scheduler?.order.count == 2 * 5 * 4)
  }
}
