import ArgumentParser
import InterleavePlatform
import InterleaveRuntime

/// What a run does: threads, iterations, speed, and how it is scheduled.
struct RunOptions: ParsableArguments {
  @Option(
    name: .long, parsing: .unconditional,
    help: "Worker threads, 1...256 (default: one per usable CPU core, at least 2).")
  var threads: Int?

  @Option(
    name: .long, parsing: .unconditional,
    help: "Iterations per worker for race, locked, atomic and deadlock.")
  var iterations: Int?

  @Option(
    name: .long, parsing: .unconditional,
    help: "Milliseconds per step, or a name (default: normal in the dashboard, full in plain mode)."
  )
  var speed: Speed?

  // A string, taken even when it starts with "-", so that "--seed -1" gets
  // a message about the seed rather than ArgumentParser's "Missing value".
  @Option(
    name: .long, parsing: .unconditional,
    help:
      "Run one step at a time, the next thread chosen by a generator seeded with N (0...2^64-1).")
  var seed: String?

  @Option(name: .long, help: "Write the thread order of a seeded run to FILE.")
  var scheduleOut: String?

  @Option(name: .long, help: "Replay the thread order in FILE (from --schedule-out).")
  var scheduleIn: String?

  // `.unconditional`: `--schedule -1` is a schedule to refuse with its
  // reason, not a missing value.
  @Option(
    name: .long, parsing: .unconditional,
    help: "Follow this thread order: '1x3 2x4 1' is thread 1 for three steps, 2 for four, 1 once.")
  var schedule: String?

  @Flag(name: .long, help: "Let the system place the workers (by default each gets its own CPU).")
  var noPin = false

  @OptionGroup(title: "Scenario options")
  var scenarioFlags: ScenarioFlags

  @Flag(name: .long, help: "Start paused: n takes one step, space runs.")
  var paused = false

  @Flag(
    name: .long,
    help: "You schedule: keys 1-9 step that thread, u undoes (after --schedule, from there).")
  var drive = false

  func validate() throws {
    if let threads, !RunConfiguration.threadRange.contains(threads) {
      throw ValidationError("--threads must be between 1 and 256 (got \(threads))")
    }
    if let iterations, !RunConfiguration.iterationRange.contains(iterations) {
      throw ValidationError(
        "--iterations must be between 1 and \(RunConfiguration.iterationRange.upperBound) (got \(iterations))"
      )
    }
    if let seed, UInt64(seed) == nil {
      throw ValidationError(
        "--seed must be a whole number 0...18446744073709551615 (got '\(seed)')")
    }
    let given = [
      seed.map { _ in "--seed" }, scheduleIn.map { _ in "--schedule-in" },
      schedule.map { _ in "--schedule" },
    ].compactMap { $0 }
    if given.count > 1 {
      throw ValidationError("\(given[0]) and \(given[1]) both choose the schedule: give one")
    }
    if drive, seed != nil {
      throw ValidationError("--drive: you choose every step, so leave out --seed")
    }
    if drive, paused {
      throw ValidationError("--drive waits for your keys already: leave out --paused")
    }
    if let scheduleOut {
      guard seed != nil || scheduleIn != nil || schedule != nil else {
        throw ValidationError(
          "--schedule-out needs --seed (or --schedule-in): only a scheduled run has one order")
      }
      try RecordingOptions.checkPath(scheduleOut, flag: "--schedule-out")
    }
  }

  /// Refuses a thread count the scenario cannot run (`reorder` is always
  /// two threads) rather than quietly running another.
  static func check(threads: Int, for scenario: Scenario) throws {
    if let fixed = scenario.traits.fixedThreads, threads != fixed {
      throw ValidationError(
        "--threads: \(scenario.id) always runs \(fixed) threads (got \(threads))")
    }
    let least = scenario.traits.minimumThreads
    if threads < least {
      throw ValidationError(
        "--threads: \(scenario.id) needs at least \(least) threads (got \(threads))")
    }
  }

  /// Refuses `--iterations` for a scenario whose threads do a fixed amount
  /// of work (`loop` counts to 5, `coarse` does ten rounds), rather than
  /// quietly ignoring it.
  func checkIterations(for scenario: Scenario) throws {
    guard iterations != nil, !scenario.traits.usesIterations else { return }
    throw ValidationError(
      "--iterations: \(scenario.id) does a fixed amount of work, as the tutorial's code does; "
        + "leave it out")
  }

  /// The run these options ask for, `scenario` at `speed` unless `--speed` was given.
  func configuration(_ scenario: Scenario, defaultSpeed: Speed) -> RunConfiguration {
    RunConfiguration(
      scenario: scenario,
      threads: threads ?? ConfigFile.settings.threads
        ?? RunConfiguration.defaultThreads(for: scenario),
      iterations: scenarioFlags.trials ?? iterations ?? RunConfiguration.defaultIterations,
      speed: speed ?? scenario.traits.preferredSpeed ?? defaultSpeed,
      pinned: !noPin, options: scenarioFlags.options)
  }

  /// The schedule asked for, read and checked against `configuration`.
  func schedule(for configuration: RunConfiguration) throws -> Schedule? {
    if let seed, let value = UInt64(seed) { return .seeded(value) }
    if drive {
      guard let given = try given(for: configuration) else { return .driven([]) }
      guard case .replay(let order, _) = given else { return given }
      return .driven(order)
    }
    return try given(for: configuration)
  }

  /// The schedule `--schedule` or `--schedule-in` gives, read and checked.
  private func given(for configuration: RunConfiguration) throws -> Schedule? {
    if let schedule {
      let shown = "'" + Sanitizer.line(String(schedule.prefix(40))) + "'"
      do {
        let order = try ScheduleString.order(schedule, threads: configuration.threads)
        try configuration.scenario.model(configuration).check(order, toTheEnd: !drive)
        return .replay(order, flag: "--schedule \(shown)")
      } catch {
        throw ValidationError("--schedule \(shown): \(error)")
      }
    }
    guard let scheduleIn else { return nil }
    do {
      return .replay(
        try ScheduleFile.read(scheduleIn, for: configuration), flag: "--schedule-in \(scheduleIn)")
    } catch {
      throw ValidationError("--schedule-in \(scheduleIn): \(error)")
    }
  }
}
