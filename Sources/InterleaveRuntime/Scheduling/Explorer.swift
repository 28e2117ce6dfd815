import Glibc
import InterleavePlatform

/// Runs a scenario under every possible schedule, depth first over the
/// scheduler's choices, re-running real threads each time.
public enum Explorer {
  /// The most schedules the explorer will walk.
  public static let limit = 50_000

  /// How a run under one schedule ended.
  public enum Outcome: Hashable, Comparable, Sendable {
    case balance(Int)
    case deadlock
    /// A scenario without a balance ran to the end.
    case finished
  }

  /// Every outcome with how many schedules reach it and one that does.
  public struct Result: Sendable {
    public var schedules: Int
    public var outcomes: [Outcome: (count: Int, example: [Int])]
  }

  /// How many schedules there are at most. Without locks, every interleaving
  /// of the threads' steps: the multinomial (T·s)! / (s!)^T. When one lock
  /// guards every step but the first acquire of each block, only the order
  /// of the blocks varies: `locked` has (T·I)! / (I!)^T, `coarse` T!.
  public static func bound(_ configuration: RunConfiguration) -> Double {
    let t = Double(configuration.threads)
    switch configuration.scenario {
    case .locked: return multinomial(blocks: Double(configuration.iterations), threads: t)
    case .coarse: return multinomial(blocks: 1, threads: t)
    default:
      let s = Double(configuration.scenario.stepsPerWorker(configuration))
      return multinomial(blocks: s, threads: t)
    }
  }

  /// (T·s)! / (s!)^T.
  static func multinomial(blocks s: Double, threads t: Double) -> Double {
    exp(lgamma(t * s + 1) - t * lgamma(s + 1)).rounded()
  }

  /// Walks every schedule.
  /// - Parameter progress: called after each run with the count so far.
  public static func explore(
    _ configuration: RunConfiguration, progress: (Int) -> Void = { _ in }
  ) -> Result {
    var configuration = configuration
    configuration.speed = .full
    var result = Result(schedules: 0, outcomes: [:])
    var prefix: [Int]? = []
    while let current = prefix {
      let chooser = PathChooser(prefix: current)
      let run = Run(configuration, queueCapacity: 2, chooser: chooser)
      while !run.isFinished {
        if run.scheduler?.deadlocked == true {
          break
        }
        usleep(20)
      }
      let deadlocked = run.scheduler?.deadlocked == true
      if deadlocked { run.cancel() } else { run.wait() }
      let outcome: Outcome =
        deadlocked
        ? .deadlock
        : (configuration.scenario.traits.usesBalance ? .balance(run.balance) : .finished)
      let order = run.scheduler?.order ?? []
      result.schedules += 1
      if let known = result.outcomes[outcome] {
        result.outcomes[outcome] = (known.count + 1, known.example)
      } else {
        result.outcomes[outcome] = (1, order)
      }
      progress(result.schedules)
      prefix = chooser.nextPrefix()
    }
    return result
  }
}
