import Glibc
import InterleavePlatform
import Synchronization
import Testing

@testable import InterleaveRuntime

@Suite("Event queue")
struct EventQueueTests {
  @Test("8 producers x 1,000,000 events: received + dropped == produced")
  func exactAccounting() async {
    let queue = EventQueue(capacity: 1 << 12)
    let producers = 8
    let perProducer = 1_000_000
    let done = Atomic<Int>(0)
    let threads = (1...producers).compactMap { producer in
      OSThread.spawn {
        for index in 0..<perProducer {
          queue.push(Event(time: UInt64(index), thread: producer, kind: .count(index)))
        }
        done.add(1, ordering: .releasing)
      }
    }
    #expect(threads.count == producers)
    var received = 0
    var lastSeen = [Int](repeating: -1, count: producers + 1)
    var ordered = true
    var batch: [Event] = []
    while true {
      let finished = done.load(ordering: .acquiring) == producers
      batch.removeAll(keepingCapacity: true)
      queue.drain(into: &batch)
      for event in batch {
        if case .count(let n) = event.kind {
          if n <= lastSeen[event.thread] { ordered = false }
          lastSeen[event.thread] = n
        }
      }
      received += batch.count
      if finished && batch.isEmpty { break }
    }
    threads.forEach { $0.join() }
    #expect(received + queue.dropped == producers * perProducer)
    #expect(received > 0)
    #expect(ordered, "one producer's events arrive in the order it pushed them")
  }

  @Test("a full queue counts drops and never blocks")
  func dropsWhenFull() {
    let queue = EventQueue(capacity: 4)
    for index in 0..<10 { queue.push(Event(time: 0, thread: 1, kind: .count(index))) }
    var events: [Event] = []
    queue.drain(into: &events)
    #expect(events.count == 4)
    #expect(queue.dropped == 6)
    #expect(events.map(\.kind) == (0..<4).map { EventKind.count($0) })
  }
}
