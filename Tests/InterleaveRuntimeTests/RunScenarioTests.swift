import Glibc
import InterleavePlatform
import InterleaveTestSupport
import Testing

@testable import InterleaveRuntime

@Suite("Scenarios on real threads")
struct RunScenarioTests {
  @Test("locked always ends at 0", arguments: [1, 2, 4, 8])
  func lockedEndsAtZero(threads: Int) {
    let run = Run(RunConfiguration(scenario: .locked, threads: threads, iterations: 50_000))
    #expect(run.ended(), "the run hung")
    let summary = run.summary()
    #expect(summary.finalBalance == 0)
    #expect(summary.primitives.first?.acquisitions == threads * 50_000)
    #expect(
      run.threads().dropFirst().allSatisfy {
        $0.state == .finished && $0.iterations == 50_000 && $0.steps == 6 * 50_000
      })
  }

  @Test("slowed down mid-run, a full-speed race traces from the next iteration; counts stay exact")
  func slowDownMidRun() {
    let run = Run(RunConfiguration(scenario: .race, threads: 2, iterations: 1_000_000_000))
    Wait.until(5, every: 1) { !run.threads().dropFirst().contains { $0.iterations < 1_000 } }
    run.pacer.set(.delay(1_000))
    var events: [Event] = []
    func sawRead() -> Bool { events.contains { if case .read = $0.kind { true } else { false } } }
    Wait.until(10, every: 1) {
      run.queue.drain(into: &events)
      return sawRead()
    }
    run.cancel()
    #expect(sawRead(), "no traced step after slowing down")
    for worker in run.threads().dropFirst() {
      // Whole iterations at full speed, then single traced steps: a cancel
      // may cut the last iteration short, never count a step twice.
      #expect(worker.iterations >= 1_000)
      #expect((4 * worker.iterations...4 * worker.iterations + 3).contains(worker.steps))
    }
  }

  @Test("race at full speed loses updates, run after run")
  func raceLosesUpdates() {
    // How often is enough: see RaceOdds.
    var wrong = 0
    var runs = 0
    while wrong < RaceOdds.drifting && runs < RaceOdds.runs {
      runs += 1
      let run = Run(RunConfiguration(scenario: .race, threads: 2, iterations: 1_000_000))
      #expect(run.ended(), "the run hung")
      let summary = run.summary()
      #expect(summary.lostUpdates == nil, "full speed does not trace lost updates")
      #expect(summary.operations == 2 * 4 * 1_000_000)
      if summary.finalBalance != 0 { wrong += 1 }
    }
    #expect(wrong >= RaceOdds.drifting, "only \(wrong) of \(runs) runs lost an update")
  }

  @Test(
    "a paced race reports every lost update; the amounts they wiped out add up to minus the drift")
  func pacedLostUpdatesExplainDrift() {
    var sawLoss = false
    for _ in 0..<20 where !sawLoss {
      let run = Run(
        RunConfiguration(scenario: .race, threads: 2, iterations: 300, speed: .delay(2_000)))
      var events: [Event] = []
      Wait.until(30, every: 1) {
        run.queue.drain(into: &events)
        return run.isFinished
      }
      #expect(run.ended(), "the run hung")
      run.queue.drain(into: &events)
      #expect(run.queue.dropped == 0)
      let losses = events.lostUpdates
      let summary = run.summary()
      #expect(summary.lostUpdates == losses.count)
      #expect(losses.reduce(0) { $0 + $1.amount } == -(summary.drift ?? 0))
      for lost in losses {
        #expect(lost.victim != 0 && (1...2).contains(lost.victim))
      }
      sawLoss = !losses.isEmpty
    }
    #expect(sawLoss, "20 paced runs lost no update at all")
  }

  @Test("atomic is always correct")
  func atomicIsCorrect() {
    let run = Run(RunConfiguration(scenario: .atomic, threads: 4, iterations: 100_000))
    #expect(run.ended(), "the run hung")
    #expect(run.summary().finalBalance == 0)
  }

  @Test("coarse serialises the workers and reports locked() and idents")
  func coarseSerialises() {
    let run = Run(RunConfiguration(scenario: .coarse, threads: 3))
    #expect(run.ended(), "the run hung")
    var events: [Event] = []
    run.queue.drain(into: &events)
    #expect(run.balance == 10 * (1 + 10 + 100))
    let printed = events.compactMap { event -> Int? in
      if case .balance(let value) = event.kind { return value }
      return nil
    }
    #expect(printed.count == 30)
    // Holding the lock across the loop means each worker's ten prints are consecutive.
    let printers = events.filter { if case .balance = $0.kind { true } else { false } }.map(
      \.thread)
    #expect(Set(printers.chunked(10).map { Set($0).count }) == [1])
    let states = events.compactMap { event -> Bool? in
      if case .lockState(_, let locked, let ident) = event.kind, ident != 0 { return locked }
      return nil
    }
    #expect(states == [true, true, true])
  }

  @Test("deadlock is detected and cancel joins every worker within 1 s")
  func deadlockDetectedAndCancelled() throws {
    let run = Run(RunConfiguration(scenario: .deadlock, threads: 2, speed: .fast))
    Wait.until(10) { run.deadlock != nil }
    let cycle = try #require(run.deadlock)
    #expect(cycle.links.count == 2)
    #expect(Set(cycle.links.map(\.thread)) == [1, 2])
    #expect(cycle.links.allSatisfy { $0.holds != $0.waits })
    let cancelStart = MonotonicClock.now()
    run.cancel()
    #expect(MonotonicClock.now() - cancelStart < 1_000_000_000)
    #expect(run.threads().allSatisfy { $0.state.isDone })
  }

  @Test("pause holds every worker; single steps advance one step each")
  func pauseAndStep() {
    let run = Run(RunConfiguration(scenario: .race, threads: 2, iterations: 10), paused: true)
    func steps() -> Int { run.threads().reduce(0) { $0 + $1.steps } }
    // Both workers held at their first step point: nothing can move now.
    #expect(Wait.until(5) { run.pacer.parkedThreads == 2 })
    #expect(steps() == 0)
    run.pacer.allowSteps(3)
    // Three steps taken and both held again, with no step left to take.
    #expect(Wait.until(5) { steps() == 3 && run.pacer.parkedThreads == 2 })
    #expect(steps() == 3)
    run.pacer.resume()
    #expect(run.ended(), "the run hung")
    #expect(run.threads().dropFirst().allSatisfy { $0.state == .finished })
  }
}

extension RunScenarioTests {
  @Test("a pause is not time the lock was held: the hold and the share leave it out")
  func pauseIsNotHeld() throws {
    let run = Run(
      RunConfiguration(scenario: .locked, threads: 1, iterations: 1, speed: .delay(1_000_000)),
      paused: true)
    #expect(Wait.until(5) { run.pacer.parkedThreads == 1 })
    // One step: Thread-1 takes the lock and is held by the pause at its read.
    run.pacer.allowSteps(1)
    #expect(Wait.until(5) { run.primitives()[0].holders == [1] && run.pacer.parkedThreads == 1 })
    // A hold in progress is still an exact hold: not "sampled".
    #expect(!run.primitives()[0].holdSampled)
    // Stay paused, holding the lock, for 400 ms more.
    let pause: UInt64 = 400_000_000
    let pausedAtHold = run.pacer.pausedTime(until: MonotonicClock.now())
    #expect(
      Wait.until(5) { run.pacer.pausedTime(until: MonotonicClock.now()) >= pausedAtHold + pause })
    run.pacer.resume()
    #expect(run.ended(), "the run hung")
    var events: [Event] = []
    _ = run.queue.drain(into: &events)
    let held = try #require(events.holds.first)
    // Five steps of 1 ms, not the 400 ms pause.
    #expect(held < pause / 2, "held \(held) ns")
    let lock = run.summary().primitives[0]
    #expect(lock.totalHoldNs == held)
    #expect(!lock.holdSampled)
    #expect(run.summary().elapsedNs < pause, "the run's own clock stops while paused")
  }
}

extension Array {
  func chunked(_ size: Int) -> [ArraySlice<Element>] {
    stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
  }
}
