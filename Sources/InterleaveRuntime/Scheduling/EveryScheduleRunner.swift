import Glibc

/// Runs a scenario under every possible schedule on real threads, one
/// after another, depth first over the scheduler's choices: slow, but the
/// check that the model's count and the runtime agree.
public enum EveryScheduleRunner {
  /// Every run's outcome, counted.
  /// - Parameter progress: called after each run with the number so far.
  public static func run(
    _ configuration: RunConfiguration, progress: (Int) -> Void = { _ in }
  ) -> [Outcome: Int] {
    var configuration = configuration
    configuration.speed = .full
    var histogram: [Outcome: Int] = [:]
    var runs = 0
    var prefix: [Int]? = []
    while let current = prefix {
      let chooser = PathChooser(prefix: current)
      let run = Run(configuration, queueCapacity: 2, chooser: chooser)
      while !run.isFinished, !run.isStuck { usleep(20) }
      let stuck = run.isStuck
      if stuck { run.cancel() } else { run.wait() }
      histogram[run.outcome(stuck: stuck), default: 0] += 1
      runs += 1
      progress(runs)
      prefix = chooser.nextPrefix()
    }
    return histogram
  }
}
