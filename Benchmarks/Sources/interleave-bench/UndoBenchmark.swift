import Glibc
import InterleavePlatform
import InterleaveRuntime

/// Drive mode's undo: the run started again on fresh threads with every
/// step but the last replayed, until it waits for the learner's key again;
/// beside it, the floor: the same threads started and waiting at their
/// first step.
enum UndoBenchmark {
  struct Result {
    var steps: Int
    /// Median milliseconds of an undo, and of the floor.
    var undo: Double
    var floor: Double
    var rounds: Int
  }

  /// `race` with 2 threads and `steps / 8` iterations each: `steps` steps.
  static func run(steps: Int, rounds: Int) -> Result {
    let configuration = RunConfiguration(
      scenario: .race, threads: 2, iterations: max(1, steps / 8), speed: .full)
    // Alternating threads, one change_it each, as a learner might.
    var plan: [Int] = []
    for iteration in 0..<configuration.iterations {
      plan += Array(repeating: 1 + iteration % 2, count: 4)
      plan += Array(repeating: 2 - iteration % 2, count: 4)
    }
    let prefix = Array(plan.dropLast())
    var undo: [Double] = []
    var floor: [Double] = []
    for _ in 0..<rounds {
      undo.append(time(configuration, plan: prefix))
      floor.append(time(configuration, plan: []))
    }
    return Result(
      steps: plan.count, undo: median(undo), floor: median(floor), rounds: rounds)
  }

  /// Milliseconds from the start of a run that replays `plan` to the
  /// moment it waits for the next key.
  static func time(_ configuration: RunConfiguration, plan: [Int]) -> Double {
    let started = MonotonicClock.now()
    let run = Run(configuration, queueCapacity: 1 << 14, chooser: DriveChooser(plan: plan))
    while run.scheduler?.awaitsChoice != true || run.scheduler?.order.count != plan.count {
      sched_yield()
    }
    let elapsed = Double(MonotonicClock.now() - started) / 1e6
    run.cancel()
    return elapsed
  }

  static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
}
