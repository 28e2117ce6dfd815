import InterleaveRuntime

/// The run's counters at one moment, as the frame loop reads them.
public struct Sample: Equatable, Sendable {
  /// Time the run has been running, pauses left out.
  public var elapsedNs: UInt64
  public var threads: [WorkerSnapshot]
  public var primitives: [PrimitiveSnapshot]
  public var balance: Int?
  public var deadlock: DeadlockCycle?
  public var finished: Bool
  public var paused: Bool
  public var speed: Speed
  /// Lost updates so far, when counted (see `Run.countedLostUpdates`).
  public var lostUpdates: Int?
  public var droppedEvents: Int
  /// Threads the system refused to create.
  public var failedThreads: Int
  /// Recent CPU use by kernel thread id, as a share of one core (0...1).
  public var cpuByTid: [Int32: Double]
  /// A scheduler picks every step, so every step is traced even at full speed.
  public var scheduled: Bool
  /// The scenario's own figures (the seed's scenarios have none).
  public var figures: [ScenarioFigure]
  /// The workers left waiting on a condition nobody will notify.
  public var hang: [Int]?

  public init(
    elapsedNs: UInt64, threads: [WorkerSnapshot], primitives: [PrimitiveSnapshot] = [],
    balance: Int? = nil, deadlock: DeadlockCycle? = nil, finished: Bool = false,
    paused: Bool = false, speed: Speed = .full, lostUpdates: Int? = nil, droppedEvents: Int = 0,
    failedThreads: Int = 0, cpuByTid: [Int32: Double] = [:], scheduled: Bool = false,
    figures: [ScenarioFigure] = [], hang: [Int]? = nil
  ) {
    self.scheduled = scheduled
    self.figures = figures
    self.hang = hang
    self.elapsedNs = elapsedNs
    self.threads = threads
    self.primitives = primitives
    self.balance = balance
    self.deadlock = deadlock
    self.finished = finished
    self.paused = paused
    self.speed = speed
    self.lostUpdates = lostUpdates
    self.droppedEvents = droppedEvents
    self.failedThreads = failedThreads
    self.cpuByTid = cpuByTid
  }
}
