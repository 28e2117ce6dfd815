import Synchronization

/// A bounded many-producer, one-consumer queue of events.
///
/// Producers never block: when the ring is full the event is counted in
/// `dropped` and discarded, so `received + dropped == produced` exactly.
/// The ring is the bounded MPMC design of D. Vyukov: a sequence number per
/// slot tells producers and the consumer whose turn the slot is.
public final class EventQueue: Sendable {
  private let capacity: Int
  private let mask: Int
  private let slots: SlotStorage
  /// The producers' and the consumer's positions, each on its own cache
  /// line: the consumer stores its position on every pop, and sharing a
  /// line with what producers compare-exchange would slow every push.
  private let enqueue = PaddedCounter()
  private let dequeue = PaddedCounter()
  /// Drops counted apart by the event's thread (mod 8), each on its own
  /// cache line: when the ring is full every producer drops, and one shared
  /// counter would make them queue up for it.
  private let droppedCounts = (0..<8).map { _ in PaddedCounter() }

  /// - Parameter capacity: rounded up to a power of two.
  public init(capacity: Int = 1 << 16) {
    var size = 2
    while size < capacity { size <<= 1 }
    self.capacity = size
    self.mask = size - 1
    self.slots = SlotStorage(count: size)
  }

  /// Events discarded because the queue was full, since it was made.
  public var dropped: Int { droppedCounts.reduce(0) { $0 + $1.value.load(ordering: .relaxed) } }

  /// Adds an event, or counts it as dropped when the queue is full.
  /// - Returns: whether the event was queued.
  @discardableResult
  public func push(_ event: Event) -> Bool {
    var position = enqueue.value.load(ordering: .relaxed)
    while true {
      let index = position & mask
      let sequence = slots.sequences[index].load(ordering: .acquiring)
      let difference = sequence - position
      if difference == 0 {
        let (exchanged, current) = enqueue.value.weakCompareExchange(
          expected: position, desired: position + 1, ordering: .relaxed)
        if exchanged {
          slots.events[index] = event
          slots.sequences[index].store(position + 1, ordering: .releasing)
          return true
        }
        position = current
      } else if difference < 0 {
        droppedCounts[event.thread & 7].value.add(1, ordering: .relaxed)
        return false
      } else {
        position = enqueue.value.load(ordering: .relaxed)
      }
    }
  }

  /// Removes the oldest event, if any. Only one thread may call this.
  public func pop() -> Event? {
    let position = dequeue.value.load(ordering: .relaxed)
    let index = position & mask
    let sequence = slots.sequences[index].load(ordering: .acquiring)
    guard sequence == position + 1 else { return nil }
    let event = slots.events[index]
    dequeue.value.store(position + 1, ordering: .relaxed)
    slots.sequences[index].store(position + capacity, ordering: .releasing)
    return event
  }

  /// Moves up to `limit` queued events into `buffer`. Only one thread may call this.
  /// - Returns: how many were moved.
  @discardableResult
  public func drain(into buffer: inout [Event], limit: Int = .max) -> Int {
    var moved = 0
    while moved < limit, let event = pop() {
      buffer.append(event)
      moved += 1
    }
    return moved
  }
}

/// One counter alone on its cache line.
private final class PaddedCounter: Sendable {
  private let leadingPad = PaddingLine()
  let value = Atomic<Int>(0)
  private let trailingPad = PaddingLine()
}

/// The ring's slots: an event and a sequence number each.
///
/// `@unchecked Sendable`: a slot's event is written only by the producer that
/// won the slot's position (compare-exchange) and read only by the consumer
/// after the release/acquire pair on that slot's sequence number.
private final class SlotStorage: @unchecked Sendable {
  let events: UnsafeMutablePointer<Event>
  let sequences: UnsafeMutablePointer<Atomic<Int>>
  let count: Int

  init(count: Int) {
    self.count = count
    events = .allocate(capacity: count)
    events.initialize(repeating: Event(time: 0, thread: 0, kind: .finished), count: count)
    sequences = .allocate(capacity: count)
    for index in 0..<count {
      (sequences + index).initialize(to: Atomic(index))
    }
  }

  deinit {
    events.deinitialize(count: count)
    events.deallocate()
    sequences.deinitialize(count: count)
    sequences.deallocate()
  }
}
