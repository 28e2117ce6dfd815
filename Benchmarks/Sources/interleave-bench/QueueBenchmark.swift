import InterleaveRuntime
import Synchronization

/// The event queue against a mutex-guarded array, with 2 and 4 producers and
/// one consumer draining all the while.
enum QueueBenchmark {
  /// The simple alternative: an array behind a pthread mutex.
  final class MutexQueue: Sendable {
    private let events = LockedBox<[Event]>([])

    func push(_ event: Event) { events.withLockedValue { $0.append(event) } }

    func drain(into buffer: inout [Event]) {
      let taken = events.withLockedValue { events -> [Event] in
        defer { events.removeAll(keepingCapacity: true) }
        return events
      }
      buffer.append(contentsOf: taken)
    }
  }

  struct Result {
    var producers: Int
    var ours: Double
    var mutex: Double
    var received: Int
    var dropped: Int
  }

  static func run(producers: Int, perProducer: Int) -> Result {
    let queue = EventQueue(capacity: 1 << 16)
    var received = 0
    let ours = timed(producers: producers, perProducer: perProducer, push: { queue.push($0) }) {
      buffer in
      queue.drain(into: &buffer)
    } counted: {
      received += $0
    }
    let mutexQueue = MutexQueue()
    let mutex = timed(producers: producers, perProducer: perProducer, push: { mutexQueue.push($0) })
    {
      buffer in
      mutexQueue.drain(into: &buffer)
    } counted: { _ in
    }
    let total = Double(producers * perProducer)
    return Result(
      producers: producers, ours: total / ours, mutex: total / mutex, received: received,
      dropped: queue.dropped)
  }

  /// Seconds for every producer to push its events while one consumer drains.
  private static func timed(
    producers: Int, perProducer: Int, push: @escaping @Sendable (Event) -> Void,
    drain: (inout [Event]) -> Void, counted: (Int) -> Void
  ) -> Double {
    let done = Atomic<Int>(0)
    let start = MonotonicClock.now()
    let threads = (1...producers).compactMap { producer in
      OSThread.spawn {
        for index in 0..<perProducer {
          push(Event(time: UInt64(index), thread: producer, kind: .count(index)))
        }
        done.add(1, ordering: .releasing)
      }
    }
    var buffer: [Event] = []
    buffer.reserveCapacity(1 << 16)
    while true {
      let finished = done.load(ordering: .acquiring) == producers
      buffer.removeAll(keepingCapacity: true)
      drain(&buffer)
      counted(buffer.count)
      if finished && buffer.isEmpty { break }
    }
    let elapsed = Double(MonotonicClock.now() - start) / 1e9
    threads.forEach { $0.join() }
    return elapsed
  }
}
