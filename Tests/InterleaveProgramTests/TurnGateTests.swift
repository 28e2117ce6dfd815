import InterleavePlatform
import InterleaveTestSupport
import Synchronization
import Testing

@testable import InterleaveProgram

/// The turn gate that replays a schedule on real threads.
@Suite("Turn gate")
struct TurnGateTests {
  @Test("past the schedule's end a thread runs freely only once the last step given out is over")
  func lastStepFinishes() throws {
    let gate = TurnGate(schedule: [0])
    gate.register(0)
    gate.register(1)
    #expect(gate.take(0, stop: { false }))
    // Thread 1 comes to its step while thread 0's (the last) is running.
    let free = Atomic<Bool>(false)
    let other = try #require(
      OSThread.spawn {
        _ = gate.take(1, stop: { false })
        free.store(true, ordering: .relaxed)
      })
    defer { other.join() }
    // Thread 0 still at its step: thread 1 waits (it ran ahead before).
    #expect(!Wait.until(0.3) { free.load(ordering: .relaxed) })
    gate.release(0)
    #expect(Wait.until(10) { free.load(ordering: .relaxed) })
  }
}
