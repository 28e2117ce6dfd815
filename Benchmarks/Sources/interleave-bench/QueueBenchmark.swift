import Glibc
import InterleavePlatform
import InterleaveRuntime
import InterleaveText
import Synchronization

/// The event queue against a mutex-guarded array: producers push as fast as
/// they can while one consumer drains, every so often or all the time.
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
    /// Median events per second of our queue and of the mutex queue.
    var ours: Double
    var mutex: Double
    /// Totals over every round of our queue: they must add up to what
    /// the producers pushed.
    var received: Int
    var dropped: Int
    var produced: Int
    var rounds: Int
  }

  /// `rounds` rounds, each timing our queue and then the mutex queue, so a
  /// slow spell of a shared machine falls on both; medians of the rates.
  /// Three threads on two cores make single rounds vary a lot.
  static func run(producers: Int, perProducer: Int, rounds: Int, drainEveryMs: Int) -> Result {
    var ours: [Double] = []
    var mutex: [Double] = []
    var received = 0
    var dropped = 0
    /// Events per second pushed through one queue, and how many it delivered.
    func rate(
      push: @escaping @Sendable (Event) -> Void, drain: (inout [Event]) -> Void
    ) -> (perSecond: Double, delivered: Int) {
      var delivered = 0
      let seconds = timed(
        producers: producers, perProducer: perProducer, drainEveryMs: drainEveryMs, push: push,
        drain: drain
      ) { delivered += $0 }
      return (Double(producers * perProducer) / seconds, delivered)
    }
    for _ in 0..<rounds {
      let queue = EventQueue(capacity: Run.defaultQueueCapacity)
      let ourRound = rate(push: { queue.push($0) }) { queue.drain(into: &$0) }
      ours.append(ourRound.perSecond)
      received += ourRound.delivered
      dropped += queue.dropped
      let mutexQueue = MutexQueue()
      mutex.append(rate(push: { mutexQueue.push($0) }) { mutexQueue.drain(into: &$0) }.perSecond)
    }
    return Result(
      producers: producers, ours: Measure.median(ours), mutex: Measure.median(mutex),
      received: received, dropped: dropped, produced: rounds * producers * perProducer,
      rounds: rounds)
  }

  /// Seconds from the start until the last producer has pushed its events,
  /// while one consumer drains every `drainEveryMs` (0: without a pause).
  private static func timed(
    producers: Int, perProducer: Int, drainEveryMs: Int,
    push: @escaping @Sendable (Event) -> Void,
    drain: (inout [Event]) -> Void, counted: (Int) -> Void
  ) -> Double {
    let done = Atomic<Int>(0)
    let lastFinish = Atomic<UInt64>(0)
    let start = MonotonicClock.now()
    let threads = (1...producers).compactMap { producer in
      OSThread.spawn {
        for index in 0..<perProducer {
          push(Event(time: UInt64(index), thread: producer, kind: .count(index)))
        }
        lastFinish.max(MonotonicClock.now(), ordering: .relaxed)
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
      if drainEveryMs > 0 { usleep(UInt32(drainEveryMs * 1000)) }
    }
    threads.forEach { $0.join() }
    return Double(lastFinish.load(ordering: .relaxed) - start) / 1e9
  }
}
