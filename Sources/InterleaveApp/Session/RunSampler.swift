import InterleaveDashboard
import InterleaveRuntime

/// Reads a run's counters into a `Sample` for the dashboard, with each
/// thread's recent CPU use (read from /proc at most twice a second).
struct RunSampler {
  private var cpu = ThreadCPUSampler()
  private var lastCPUSample: UInt64 = 0
  private var shares: [Int32: Double] = [:]

  mutating func sample(_ run: Run, now: UInt64) -> Sample {
    let threads = run.threads()
    if now &- lastCPUSample >= 500_000_000 {
      shares = cpu.sample(threads.map(\.tid), now: now)
      lastCPUSample = now
    }
    // The span after the primitives: a hold in progress, timed when they
    // are read, then never outlasts the run it is a share of.
    let primitives = run.primitives()
    return Sample(
      elapsedNs: run.activeElapsed, threads: threads, primitives: primitives,
      balance: run.configuration.scenario.traits.usesBalance ? run.balance : nil,
      deadlock: run.deadlock, finished: run.isFinished, paused: run.pacer.isPaused,
      speed: run.pacer.speed, lostUpdates: run.countedLostUpdates,
      droppedEvents: run.queue.dropped, failedThreads: run.failedThreads, cpuByTid: shares,
      scheduled: run.scheduler != nil, figures: run.figures, hang: run.hang)
  }
}
