import Testing

@testable import InterleaveRuntime

@Suite("Core types")
struct CoreTypesTests {
  @Test("wait-for cycle through the start thread is found with who holds what")
  func cycleFound() throws {
    // Thread 1 waits for lock 0 (held by 2); thread 2 waits for lock 1 (held by 1).
    let waiting = [1: 0, 2: 1]
    let owners = [0: 2, 1: 1]
    let cycle = try #require(
      DeadlockCycle.find(from: 1, waitingFor: { waiting[$0] ?? -1 }, owner: { owners[$0] ?? -1 }))
    #expect(
      cycle.links == [.init(thread: 1, holds: 1, waits: 0), .init(thread: 2, holds: 0, waits: 1)])
    let names = ["MainThread", "Thread-1", "Thread-2"]
    #expect(
      cycle.describe(threadName: { names[$0] }, lockName: { ["A", "B"][$0] })
        == "Thread-1 holds B, waits A -> Thread-2 holds A, waits B")
  }

  @Test("a chain that ends or loops elsewhere is not a cycle through the start")
  func noCycle() {
    #expect(DeadlockCycle.find(from: 1, waitingFor: { $0 == 1 ? 0 : -1 }, owner: { _ in 2 }) == nil)
    // 1 waits for 2, 2 and 3 wait for each other: not 1's cycle.
    let waiting = [1: 0, 2: 1, 3: 2]
    let owners = [0: 2, 1: 3, 2: 2]
    #expect(
      DeadlockCycle.find(from: 1, waitingFor: { waiting[$0] ?? -1 }, owner: { owners[$0] ?? -1 })
        == nil)
  }

  @Test("OS thread names are cut to 15 bytes on a character boundary")
  func osNames() {
    #expect(ThreadName.osName("Thread-12") == "Thread-12")
    #expect(ThreadName.osName("循环线程-123") == "循环线程-12")
    #expect(ThreadName.osName("循环线程循环线程").utf8.count == 15)
    #expect(ThreadName.osName("ab循环线程循环线程") == "ab循环线程")
  }

  @Test("speeds parse from names and milliseconds; + and - walk the ladder")
  func speeds() {
    #expect(Speed(parsing: "full") == .full)
    #expect(Speed(parsing: "slow") == .slow)
    #expect(Speed(parsing: "250") == .delay(250_000_000))
    #expect(Speed(parsing: "0") == .full)
    #expect(Speed(parsing: "-5") == nil)
    #expect(Speed(parsing: "fastest") == nil)
    #expect(Speed.full.stepped(-1) == .full)
    #expect(Speed.full.stepped(1) == .delay(1_000_000))
    #expect(Speed.normal.stepped(1).nanoseconds > Speed.normal.nanoseconds)
  }

  @Test("race amounts follow 5, 8, 13, 21")
  func amounts() {
    #expect((1...5).map(Amounts.race) == [5, 8, 13, 21, 34])
    #expect((1...3).map(Amounts.coarse) == [1, 10, 100])
  }
}
