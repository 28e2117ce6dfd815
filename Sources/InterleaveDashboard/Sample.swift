import InterleaveRuntime

/// The run's counters at one moment, as the frame loop reads them.
public struct Sample: Equatable, Sendable {
  public var elapsedNs: UInt64
  public var threads: [WorkerSnapshot]
  public var locks: [LockSnapshot]
  public var balance: Int?
  public var expectedBalance: Int?
  public var deadlock: DeadlockCycle?
  public var finished: Bool
  public var paused: Bool
  public var speed: Speed
  /// Whether lost updates were traced for the whole run.
  public var lostTraced: Bool
  public var droppedEvents: Int
  /// Threads the system refused to create.
  public var failedThreads: Int
  /// Recent CPU use by kernel thread id, as a share of one core (0...1).
  public var cpuByTid: [Int32: Double]

  public init(
    elapsedNs: UInt64, threads: [WorkerSnapshot], locks: [LockSnapshot] = [],
    balance: Int? = nil, expectedBalance: Int? = nil, deadlock: DeadlockCycle? = nil,
    finished: Bool = false, paused: Bool = false, speed: Speed = .full, lostTraced: Bool = false,
    droppedEvents: Int = 0, failedThreads: Int = 0, cpuByTid: [Int32: Double] = [:]
  ) {
    self.elapsedNs = elapsedNs
    self.threads = threads
    self.locks = locks
    self.balance = balance
    self.expectedBalance = expectedBalance
    self.deadlock = deadlock
    self.finished = finished
    self.paused = paused
    self.speed = speed
    self.lostTraced = lostTraced
    self.droppedEvents = droppedEvents
    self.failedThreads = failedThreads
    self.cpuByTid = cpuByTid
  }
}

extension Run {
  /// Reads every counter now (lock-free, from any thread).
  public func sample(cpuByTid: [Int32: Double] = [:]) -> Sample {
    let threads = threads()
    let tracksLost = [.race, .locked, .atomic].contains(configuration.scenario)
    return Sample(
      elapsedNs: elapsed, threads: threads, locks: locks(),
      balance: configuration.scenario.usesBalance ? balance : nil,
      expectedBalance: expectedBalance, deadlock: deadlock, finished: isFinished,
      paused: pacer.isPaused, speed: pacer.speed,
      lostTraced: tracksLost && tracedEveryStep,
      droppedEvents: queue.dropped, failedThreads: failedThreads, cpuByTid: cpuByTid)
  }
}
