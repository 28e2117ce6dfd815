import InterleavePlatform
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
      DeadlockCycle.find(
        from: 1, waitingFor: { waiting[$0] ?? -1 }, holders: { owners[$0].map { [$0] } ?? [] }))
    #expect(
      cycle.links == [.init(thread: 1, holds: 1, waits: 0), .init(thread: 2, holds: 0, waits: 1)])
  }

  @Test(
    "threads that move while the check reads them make no deadlock and no crash (a semaphore at full speed did both)"
  )
  func movingThreads() {
    // The first readings show a cycle; by the time it is read again thread
    // 2 has its lock and waits for nothing.
    var reads = 0
    let cycle = DeadlockCycle.find(
      from: 1,
      waitingFor: { thread in
        reads += 1
        if thread == 1 { return 0 }
        return reads > 2 ? -1 : 1
      },
      holders: { $0 == 0 ? [2] : [1] })
    #expect(cycle == nil)
  }

  @Test("a chain that ends in a thread that can move is no deadlock; one caught behind a cycle is")
  func chains() throws {
    // 1 waits for a lock held by 2, which runs: no deadlock.
    #expect(
      DeadlockCycle.find(from: 1, waitingFor: { $0 == 1 ? 0 : -1 }, holders: { _ in [2] }) == nil)
    // 1 waits for 2, 2 and 3 wait for each other: 1 is stuck too, the cycle is 2 and 3.
    let waiting = [1: 0, 2: 1, 3: 2]
    let owners = [0: 2, 1: 3, 2: 2]
    let cycle = try #require(
      DeadlockCycle.find(
        from: 1, waitingFor: { waiting[$0] ?? -1 }, holders: { owners[$0].map { [$0] } ?? [] }))
    #expect(cycle.threads == [2, 3])
  }

  @Test("a waiter on a primitive with two holders is stuck only when both holders are")
  func manyHolders() {
    // Thread 1 waits on primitive 0, held by 2 and 3. 2 waits on 1, held by 1.
    var waiting = [1: 0, 2: 1]
    let holders = [0: [2, 3], 1: [1]]
    #expect(
      DeadlockCycle.find(from: 1, waitingFor: { waiting[$0] ?? -1 }, holders: { holders[$0] ?? [] })
        == nil, "3 can still release")
    waiting[3] = 1
    #expect(
      DeadlockCycle.find(from: 1, waitingFor: { waiting[$0] ?? -1 }, holders: { holders[$0] ?? [] })
        != nil)
  }

  @Test("OS thread names are cut to 15 bytes on a character boundary")
  func osNames() {
    #expect(OSThread.osName("Thread-12") == "Thread-12")
    #expect(OSThread.osName("循环线程-123") == "循环线程-12")
    #expect(OSThread.osName("循环线程循环线程").utf8.count == 15)
    #expect(OSThread.osName("ab循环线程循环线程") == "ab循环线程")
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

  @Test("a whole iteration at full speed writes the values C would and signs each write")
  func fullSpeedChange() {
    for (value, writer) in [(40, 7), (-9, 2), (0, 0), (1 << 40, 511)] {
      let word = SharedBalance.word(value: value, writer: writer)
      for (amount, thread) in [(5, 3), (-21, 511), (8, 0)] {
        let change = FullSpeedChange(SharedBalance(), amount, writer: thread)
        let afterAdd = FullSpeedChange.next(word, change.up)
        #expect(SharedBalance.value(of: afterAdd) == value + amount)
        #expect(SharedBalance.writer(of: afterAdd) == thread)
        let afterSubtract = FullSpeedChange.next(afterAdd, change.down)
        #expect(SharedBalance.value(of: afterSubtract) == value)
        #expect(SharedBalance.writer(of: afterSubtract) == thread)
      }
    }
    // The whole iteration on a real word: n then -n, signed by the writer.
    let balance = SharedBalance()
    balance.word.store(SharedBalance.word(value: 12, writer: 1), ordering: .relaxed)
    FullSpeedChange(balance, 13, writer: 2)()
    #expect(balance.value == 12)
    #expect(SharedBalance.writer(of: balance.word.load(ordering: .relaxed)) == 2)
  }

  @Test("a refused release raises, and the thread that raised no longer shows as a holder")
  func refusedRelease() {
    let semaphore = TracedSemaphore(id: 0, name: "pool", permits: 2, bounded: true)
    #expect(semaphore.acquire(by: 1, until: 0))
    #expect(semaphore.release(by: 2), "anyone may release; Thread-2's release is the bug")
    #expect(!semaphore.release(by: 1), "every permit is in: ValueError")
    #expect(semaphore.holders().isEmpty)
    #expect(semaphore.permits.load(ordering: .relaxed) == 2)
  }
}
