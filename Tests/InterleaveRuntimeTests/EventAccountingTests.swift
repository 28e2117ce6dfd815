import Glibc
import InterleaveTestSupport
import Testing

@testable import InterleaveRuntime

@Suite("Event accounting of a run")
struct EventAccountingTests {
  @Test("a paced race into a tiny queue: received + dropped == produced, and produced is exact")
  func tinyQueueAccounting() {
    let threads = 4
    let iterations = 2_000
    let run = Run(
      RunConfiguration(
        scenario: .race, threads: threads, iterations: iterations, speed: .delay(1_000)),
      queueCapacity: 64)
    var received = 0
    var batch: [Event] = []
    // A slow consumer: the workers overrun the 64-slot ring between drains.
    Wait.until(60) {
      usleep(2_000)
      batch.removeAll(keepingCapacity: true)
      received += run.queue.drain(into: &batch)
      return run.isFinished
    }
    #expect(run.ended(), "the run hung")
    received += run.queue.drain(into: &batch)
    let account = EventAccount(
      produced: run.producedEvents, received: received, dropped: run.queue.dropped)
    #expect(account.isExact, "\(account)")
    #expect(account.dropped > 0, "the consumer kept up; the test did not overrun the queue")
    // Independently of the queue: each worker emits started, a read and a
    // write event per step (4 steps an iteration), one per lost update, and
    // finished; MainThread emits started, joining and joined per worker, finished.
    let lost = run.summary().lostUpdates ?? -1
    #expect(lost >= 0)
    let expected = threads * (1 + 4 * iterations + 1) + lost + (2 + 2 * threads)
    #expect(account.produced == expected)
  }

  @Test("a cancelled deadlock still accounts for every event")
  func cancelledRunAccounting() {
    let run = Run(
      RunConfiguration(scenario: .deadlock, threads: 2, iterations: 10, speed: .delay(1_000_000)))
    var received = 0
    var batch: [Event] = []
    #expect(
      Wait.until(30, every: 1) {
        received += run.queue.drain(into: &batch)
        return run.deadlock != nil
      })
    run.cancel()
    received += run.queue.drain(into: &batch)
    #expect(received == run.producedEvents)
    #expect(run.queue.dropped == 0)
    #expect(batch.contains { if case .deadlock = $0.kind { true } else { false } })
  }
}
