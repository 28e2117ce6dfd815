import Testing

@testable import InterleaveRuntime

@Suite("Counting every schedule of a scenario's model")
struct ScheduleExplorerTests {
  /// An independent count of the race's schedules: a memoized walk over
  /// (steps done per thread, each thread's register, balance), written
  /// without the machine. Worker k adds and takes back `amounts[k]`.
  static func raceHistogram(amounts: [Int], iterations: Int) -> [Int: UInt64] {
    struct Key: Hashable {
      var done: [Int]
      var registers: [Int]
      var balance: Int
    }
    let steps = 4 * iterations
    var memo: [Key: [Int: UInt64]] = [:]
    func walk(_ key: Key) -> [Int: UInt64] {
      if let known = memo[key] { return known }
      var result: [Int: UInt64] = [:]
      if key.done.allSatisfy({ $0 == steps }) {
        result[key.balance] = 1
      }
      for thread in amounts.indices where key.done[thread] < steps {
        var next = key
        switch key.done[thread] % 4 {
        case 0, 2: next.registers[thread] = key.balance
        case 1: next.balance = key.registers[thread] + amounts[thread]
        default: next.balance = key.registers[thread] - amounts[thread]
        }
        next.done[thread] += 1
        for (balance, count) in walk(next) { result[balance, default: 0] += count }
      }
      memo[key] = result
      return result
    }
    let zeros = Array(repeating: 0, count: amounts.count)
    return walk(Key(done: zeros, registers: zeros, balance: 0))
  }

  static func histogram(_ results: [ScheduleExplorer.Result]) -> [Int: UInt64?] {
    var histogram: [Int: UInt64?] = [:]
    for result in results { histogram[result.outcome.balance ?? .min] = result.schedules.uint64 }
    return histogram
  }

  static func explore(_ scenario: Scenario, threads: Int, iterations: Int) throws
    -> [ScheduleExplorer.Result]
  {
    let configuration = RunConfiguration(
      scenario: scenario, threads: threads, iterations: iterations)
    var explorer = ScheduleExplorer(scenario.model(configuration))
    return try explorer.explore()
  }

  @Test("links spilled to a file give the same counts and witnesses as links kept in memory")
  func spilledLinks() throws {
    for scenario in [Scenario.race, .deadlock, .condition] {
      let machine = scenario.model(
        RunConfiguration(scenario: scenario, threads: 3, iterations: 1))
      var kept = ScheduleExplorer(machine)
      var spilled = ScheduleExplorer(machine)
      spilled.linkBudget = 0
      let (one, two) = (try kept.explore(), try spilled.explore())
      #expect(one.map(\.outcome) == two.map(\.outcome), "\(scenario.id)")
      #expect(one.map(\.schedules) == two.map(\.schedules), "\(scenario.id)")
      #expect(one.map(\.witness) == two.map(\.witness), "\(scenario.id)")
      // Each witness replays to its outcome on the model.
      for result in two {
        var state = machine.initial()
        for thread in result.witness { machine.step(&state.values, thread - 1) }
        #expect(machine.outcome(of: state) == result.outcome, "\(scenario.id) \(result.witness)")
      }
    }
  }

  @Test("race 2x1: 70 schedules in 7 outcomes, 8 8 4 30 4 8 8")
  func raceTwoByOne() throws {
    let results = try Self.explore(.race, threads: 2, iterations: 1)
    #expect(results.map(\.schedules.description) == ["8", "8", "4", "30", "4", "8", "8"])
    #expect(results.map(\.outcome.description).contains("balance 0"))
    #expect(ScheduleExplorer.total(results).description == "70")
  }

  @Test(
    "race: the machine's histogram matches an independent count",
    arguments: [(2, 2), (3, 1), (3, 2)])
  func raceMatchesIndependentCount(threads: Int, iterations: Int) throws {
    let results = try Self.explore(.race, threads: threads, iterations: iterations)
    let amounts = (1...threads).map(Amounts.race)
    #expect(
      Self.histogram(results)
        == Self.raceHistogram(amounts: amounts, iterations: iterations).mapValues { $0 })
    if (threads, iterations) == (3, 2) {
      #expect(ScheduleExplorer.total(results).description == "9465511770")
    }
    if (threads, iterations) == (2, 2) {
      #expect(ScheduleExplorer.total(results).description == "12870")
    }
  }

  @Test(
    "locked, atomic, coarse: every schedule ends correct",
    arguments: [("locked", 3, 2, "90", 0), ("atomic", 2, 2, "70", 0), ("coarse", 3, 1, "6", 1110)])
  func correctEverywhere(
    id: String, threads: Int, iterations: Int, schedules: String, balance: Int
  ) throws {
    let scenario = try #require(Scenario(id: id))
    let results = try Self.explore(scenario, threads: threads, iterations: iterations)
    #expect(results.map(\.outcome) == [.balance(balance)])
    #expect(ScheduleExplorer.total(results).description == schedules)
  }

  @Test("deadlock 2x1: some schedules deadlock, the rest end at 0")
  func deadlock() throws {
    let results = try Self.explore(.deadlock, threads: 2, iterations: 1)
    #expect(results.map(\.outcome.description) == ["balance 0", "deadlock"])
    let deadlock = try #require(results.last)
    // The simplest deadlock: one thread takes its first lock, the other its
    // first, then neither can go on: one preemption.
    #expect(deadlock.preemptions == 1)
  }

  @Test("witnesses reach their outcome with the fewest preemptions of any schedule")
  func witnesses() throws {
    for (scenario, iterations) in [(Scenario.race, 2), (.deadlock, 1), (.locked, 2)] {
      let configuration = RunConfiguration(scenario: scenario, threads: 2, iterations: iterations)
      let machine = scenario.model(configuration)
      // The fewest preemptions per outcome, over every schedule one by one.
      var fewest: [Outcome: Int] = [:]
      func walk(_ state: MachineState, last: Int, preemptions: Int) {
        let runnable = machine.runnable(state)
        if runnable.isEmpty {
          let outcome = machine.outcome(of: state)
          fewest[outcome] = min(fewest[outcome] ?? .max, preemptions)
          return
        }
        for thread in runnable {
          let preempts = last >= 0 && thread != last && runnable.contains(last)
          walk(
            machine.step(state, thread), last: thread, preemptions: preemptions + (preempts ? 1 : 0)
          )
        }
      }
      walk(machine.initial(), last: -1, preemptions: 0)
      var explorer = ScheduleExplorer(machine)
      let results = try explorer.explore()
      #expect(Set(results.map(\.outcome)) == Set(fewest.keys))
      for result in results {
        var state = machine.initial()
        for thread in result.witness { state = machine.step(state, thread - 1) }
        #expect(machine.isFinal(state))
        #expect(machine.outcome(of: state) == result.outcome)
        #expect(result.preemptions == fewest[result.outcome], "\(scenario) \(result.outcome)")
      }
    }
  }

  @Test("a machine past the state limit is refused, not explored")
  func tooLarge() {
    let configuration = RunConfiguration(scenario: .race, threads: 3, iterations: 3)
    var explorer = ScheduleExplorer(Scenario.race.model(configuration), limit: 1_000)
    #expect(throws: ScheduleExplorer.TooLarge.self) { try explorer.explore() }
  }

  @Test("a machine far past the limit is refused early, from an estimate, before the work")
  func refusedFromEstimate() throws {
    let configuration = RunConfiguration(scenario: .race, threads: 3, iterations: 3)
    var explorer = ScheduleExplorer(Scenario.race.model(configuration), limit: 1_000_000)
    do {
      _ = try explorer.explore()
      Issue.record("3x3 (5,764,202 states) was explored under a limit of 1,000,000")
    } catch {
      #expect(error.estimated, "\(error)")
      #expect(error.states > 1_000_000)
      // Decided before the limit's worth of states was counted.
      #expect(explorer.states < 1_000_000, "\(explorer.states) states counted first")
    }
  }

  @Test(
    "an estimate never refuses a count that fits: each scenario explores with its exact count as the limit"
  )
  func estimateRefusesNothingThatFits() throws {
    for scenario in Scenario.all {
      for (threads, iterations) in [(2, 3), (3, 2)] {
        let machine = scenario.model(
          RunConfiguration(scenario: scenario, threads: threads, iterations: iterations))
        var exact = ScheduleExplorer(machine, limit: .max)
        let results = try exact.explore()
        var tight = ScheduleExplorer(machine, limit: exact.states)
        do {
          let again = try tight.explore()
          #expect(again.map(\.schedules) == results.map(\.schedules), "\(scenario.id)")
        } catch {
          Issue.record("\(scenario.id) \(threads)x\(iterations), \(exact.states) states: \(error)")
        }
      }
    }
  }

  @Test("counts past 64 bits stay exact, in decimal")
  func bigCounts() {
    var count = ScheduleCount(UInt64.max)
    #expect(count.uint64 == UInt64.max)
    count += .one
    #expect(count.uint64 == nil)
    #expect(count.description == "18446744073709551616")
    // 2^64 doubled 64 times is 2^128.
    for _ in 0..<64 { count += count }
    #expect(count.description == "340282366920938463463374607431768211456")
    #expect(ScheduleCount(UInt64.max) < count)
    #expect(count.double == 0x1p128)
    #expect(
      (count + ScheduleCount(10_000_000_000_000_000_000)).description
        == "340282366920938463473374607431768211456")
  }
}
