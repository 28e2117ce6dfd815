import InterleavePlatform
import InterleaveTestSupport
import Testing

@testable import InterleaveRuntime

/// The figures the lock panel shows are true at every moment: a share is at
/// most 100%, a count never exceeds what it is a share of, a lock held now
/// is held for some of the run, and timed waits count on the run's clock.
@Suite("Figures that add up")

struct FigureIdentityTests {
  /// The identities one primitive's snapshot keeps, as failures.
  static func broken(_ lock: PrimitiveSnapshot, span: UInt64) -> [String] {
    var broken: [String] = []
    if lock.contended < 0 || lock.contended > lock.acquisitions {
      broken.append("\(lock.name): contended \(lock.contended) of \(lock.acquisitions)")
    }
    if lock.kind != .condition,
      lock.contendedCalls > lock.calls || (!lock.waiters.isEmpty && lock.contendedCalls == 0)
    {
      broken.append("\(lock.name): contended calls \(lock.contendedCalls) of \(lock.calls)")
    }
    if !(0...1).contains(lock.contention) {
      broken.append("\(lock.name): contention \(lock.contention)")
    }
    if lock.totalHoldNs > span {
      broken.append("\(lock.name): held \(lock.totalHoldNs) ns of \(span) ns")
    }
    return broken
  }

  /// Runs `configuration` under `chooser`, checking every primitive's
  /// identities on every poll until it ends; returns what broke.
  static func watch(_ configuration: RunConfiguration, chooser: ScheduleChooser?) -> [String] {
    let run = Run(configuration, chooser: chooser)
    var broken: Set<String> = []
    // The calls and contended calls the panel shows, by primitive: running
    // totals, which never go down.
    var shown: [Int: (Int, Int)] = [:]
    // A bound for a loaded machine under a sanitizer (CI once needed more
    // than 30 s for a condition's hand-offs there).
    let ended = Wait.until(60, every: 1) {
      // The span after the snapshot: the snapshot's own is no later.
      let locks = run.primitives()
      let span = run.activeElapsed
      for lock in locks {
        broken.formUnion(Self.broken(lock, span: span))
        if let (calls, contended) = shown[lock.id],
          lock.calls < calls || lock.contendedCalls < contended
        {
          broken.insert(
            "\(configuration.scenario.id) \(lock.name): calls \(calls) -> \(lock.calls), "
              + "contended \(contended) -> \(lock.contendedCalls)")
        }
        shown[lock.id] = (lock.calls, lock.contendedCalls)
      }
      return run.isFinished || run.deadlock != nil || run.hang != nil
    }
    run.cancel()
    for lock in run.primitives() { broken.formUnion(Self.broken(lock, span: run.activeElapsed)) }
    if !ended { broken.insert("\(configuration.scenario.id) did not end") }
    return broken.sorted()
  }

  /// Every scenario with primitives, at the fewest threads it takes (3 at least).
  static let scenarios = Scenario.all.filter {
    !$0.traits.workersAreProcesses
      && !$0.primitives(RunConfiguration(scenario: $0, threads: 3)).isEmpty
  }

  @Test("over random seeded schedules of every scenario, no share passes 100%", arguments: 1...6)
  func seededSchedules(seed: Int) {
    for scenario in Self.scenarios {
      let configuration = RunConfiguration(
        scenario: scenario, threads: max(3, scenario.traits.minimumThreads), iterations: 3)
      let broken = Self.watch(configuration, chooser: SeededChooser(seed: UInt64(seed)))
      #expect(broken.isEmpty, "\(scenario.id), seed \(seed): \(broken)")
    }
  }

  /// Enough iterations for many polls at full speed, few enough that the
  /// slowest (a condition's hand-offs, about 70 µs an item in a debug
  /// build) ends well inside the watch under a sanitizer.
  static func fullSpeedIterations(_ scenario: Scenario) -> Int {
    switch scenario {
    case .coarse: 1
    case .condition: 300
    default: 20_000
    }
  }

  @Test("at full speed with the OS interleaving, no share passes 100%")
  func fullSpeed() {
    for scenario in Self.scenarios where scenario != .deadlock {
      let configuration = RunConfiguration(
        scenario: scenario, threads: 4, iterations: Self.fullSpeedIterations(scenario))
      let broken = Self.watch(configuration, chooser: nil)
      #expect(broken.isEmpty, "\(scenario.id): \(broken)")
    }
  }

  @Test("'ran at once' never reads more workers than there are, even for a run of microseconds")
  func parallelismBounded() {
    // A run of two iterations: each worker's span is a few µs, while
    // creating the thread took more CPU than that (the old reading: 14.01 of 2).
    for _ in 0..<20 {
      let run = Run(RunConfiguration(scenario: .race, threads: 2, iterations: 2))
      #expect(run.ended(within: 20))
      if let parallelism = run.summary().parallelism {
        #expect(parallelism <= 2.0, "\(parallelism)")
      }
    }
    var workers = [
      WorkerSnapshot(index: 1, name: "a", state: .finished),
      WorkerSnapshot(index: 2, name: "b", state: .finished),
    ]
    for index in workers.indices {
      workers[index].span = 100...110
      workers[index].cpuNs = 1_000
    }
    #expect(WorkerSnapshot.overlap(workers)?.cpu == 20)
  }

  @Test(
    "a thread waiting for a lock counts as a contended call at once; the acquisition taken at once does not"
  )
  func waitingIsNotContendedYet() throws {
    // Paused, one step at a time: one thread takes the lock at once and
    // holds it; the other, given a step, finds it taken and waits. Which
    // thread takes a step allowed is the OS's choice: when the holder takes
    // them all and lets go first (slow under a sanitizer), a fresh run tries
    // again.
    var found: Run?
    for _ in 0..<10 where found == nil {
      let run = Run(
        RunConfiguration(scenario: .coarse, threads: 2, speed: .delay(1_000_000)), paused: true)
      #expect(Wait.until(10) { run.pacer.parkedThreads == 2 })
      func steps() -> Int { run.threads().reduce(0) { $0 + $1.steps } }
      for _ in 0..<40 {
        guard run.primitives()[0].waiters.isEmpty, run.primitives()[0].acquisitions < 2 else {
          break
        }
        // One step, taken before the next is allowed.
        let before = steps()
        run.pacer.allowSteps(1)
        Wait.until(10) { steps() > before }
        Wait.until(10) { run.pacer.parkedThreads + run.primitives()[0].waiters.count == 2 }
      }
      if run.primitives()[0].waiters.count == 1 {
        found = run
      } else {
        run.cancel()
      }
    }
    let run = try #require(found, "in 10 runs no thread ever found the lock taken")
    #expect(run.primitives()[0].waiters.count == 1)
    let lock = run.primitives()[0]
    #expect(lock.acquisitions == 1)
    #expect(lock.contended == 0, "contended \(lock.contended) of \(lock.acquisitions)")
    // What the panel shows: two calls, the waiting one contended.
    #expect(lock.calls == 2 && lock.contendedCalls == 1, "\(lock.contendedCalls) of \(lock.calls)")
    // Running on (each step a minute away), the hold in progress counts.
    run.pacer.set(.delay(60_000_000_000))
    run.pacer.resume()
    #expect(
      Wait.until(10) { run.primitives()[0].totalHoldNs > 0 },
      "a lock held now is held for some of the run")
    run.cancel()
  }

  @Test("a full-speed run says how many workers ran at once: between none and all of them")
  func parallelism() throws {
    let run = Run(RunConfiguration(scenario: .race, threads: 2, iterations: 2_000_000))
    #expect(run.ended(), "the run hung")
    let summary = run.summary()
    let parallelism = try #require(summary.parallelism)
    #expect(parallelism > 0.5 && parallelism <= 2.05, "\(parallelism)")
    #expect(!summary.paced)
    let seeded = Run(
      RunConfiguration(scenario: .race, threads: 2, iterations: 3), chooser: SeededChooser(seed: 1))
    #expect(seeded.ended(), "the run hung")
    #expect(seeded.summary().paced, "a scheduled run goes one step at a time")
  }

  @Test("a semaphore used as a signal never lists more holders than permits are out")
  func semaphoreAsSignal() {
    // reorder's stepped trials meet through two semaphores, one thread
    // acquiring and the other releasing, 300 times.
    let run = Run(
      RunConfiguration(scenario: .reorder, threads: 2, iterations: 300),
      chooser: SeededChooser(seed: 1))
    var most = 0
    Wait.until(30, every: 1) {
      for lock in run.primitives() where lock.kind == .semaphore {
        most = max(most, lock.holders.count)
      }
      return run.isFinished
    }
    run.cancel()
    #expect(most <= 2, "a semaphore listed \(most) holders")
  }
}

/// `acquire(timeout=…)` waits on the run's clock, which stops while paused.
@Suite("Timed waits on the run's clock")

struct TimedWaitTests {
  /// `coarse` with a short timeout, paced so that Thread-1 holds the lock
  /// about 32 steps of `step` ns while Thread-2 waits.
  static func configuration(timeout: UInt64, step: UInt64) -> RunConfiguration {
    var options = ScenarioOptions()
    options.lockTimeout = timeout
    return RunConfiguration(
      scenario: .coarse, threads: 2, speed: .delay(step), pinned: false, options: options)
  }

  @Test("a wait longer than its timeout gives up (the timeout is real)")
  func timesOut() {
    let run = Run(Self.configuration(timeout: 100_000_000, step: 10_000_000))
    #expect(run.ended(within: 20))
    let lock = run.summary().primitives[0]
    #expect(lock.timeouts == 1)
    #expect(run.balance != run.expectedBalance)
  }

  @Test("a pause does not count towards a timeout: the waiter gets the lock")
  func pauseDoesNotCount() {
    // Unpaused, Thread-1's hold (about 32 x 5 ms) is well inside the 1 s
    // timeout; a 1.5 s pause mid-hold must not make Thread-2 give up.
    let run = Run(Self.configuration(timeout: 1_000_000_000, step: 5_000_000))
    #expect(Wait.until(10) { !run.primitives()[0].waiters.isEmpty })
    run.pacer.pause()
    let start = run.pacer.pausedTime(until: MonotonicClock.now())
    #expect(
      Wait.until(10) {
        run.pacer.pausedTime(until: MonotonicClock.now()) >= start + 1_500_000_000
      })
    run.pacer.resume()
    #expect(run.ended(within: 20))
    #expect(run.summary().primitives[0].timeouts == 0)
    #expect(run.balance == run.expectedBalance)
  }
}
