/// A number a scenario beyond the seed keeps about itself, for its panel,
/// its summary and its JSON.
public enum ScenarioFigure: Sendable, Equatable {
  /// `semaphore`: connections in use now, the most ever in use at once, and
  /// the semaphore's permits (the most there should ever be).
  case concurrency(now: Int, most: Int, limit: Int)
  /// `condition`: items in the buffer now, its slots, items put and taken.
  case buffer(items: Int, capacity: Int, produced: Int, consumed: Int)
  /// Python errors raised so far, of one kind.
  case errors(ModelError, count: Int)
  /// `gil`: the worker holding the GIL (nil: nobody), times it changed
  /// hands, where it may, and the switch interval.
  case gil(holder: Int?, switches: Int, rule: ScenarioOptions.GILSwitch, intervalNs: UInt64)
  /// `reorder`: trials so far and what each ended with, beside what a
  /// sequentially consistent machine allows.
  case outcomes([OutcomeCount], trials: Int, fenced: Bool, cpus: Int)
  /// `process`: each child process and its own balance.
  case processes([ChildProcess])
}

/// How often one outcome of the store-buffering test happened.
public struct OutcomeCount: Sendable, Equatable {
  public var r1: Int
  public var r2: Int
  public var count: Int
  /// Whether interleaving the four steps in some order gives it.
  public var predicted: Bool

  public init(r1: Int, r2: Int, count: Int, predicted: Bool) {
    self.r1 = r1
    self.r2 = r2
    self.count = count
    self.predicted = predicted
  }

  /// `r1=0 r2=0`.
  public var label: String { "r1=\(r1) r2=\(r2)" }
}

/// One child process of `process`.
public struct ChildProcess: Sendable, Equatable {
  /// The worker (1-based) that started it.
  public var worker: Int
  public var pid: Int32
  /// Its own `balance`, as last reported.
  public var balance: Int
  public var ended: Bool

  public init(worker: Int, pid: Int32, balance: Int, ended: Bool) {
    self.worker = worker
    self.pid = pid
    self.balance = balance
    self.ended = ended
  }
}

/// What a run of a scenario keeps beyond the shared balance: made by its
/// descriptor, shared by its workers, read for figures at any time.
protocol ScenarioState: AnyObject, Sendable {
  func figures() -> [ScenarioFigure]
  /// How the run ended, in the model's terms, when the scenario says more
  /// than the balance (an error raised, each process's balance).
  func outcome() -> Outcome?
}

extension ScenarioState {
  func outcome() -> Outcome? { nil }
}
