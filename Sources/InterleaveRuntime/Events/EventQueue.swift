import Glibc
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
      let sequence = slots.sequence(index)
      let difference = sequence - position
      if difference == 0 {
        let (exchanged, current) = enqueue.value.weakCompareExchange(
          expected: position, desired: position + 1, ordering: .relaxed)
        if exchanged {
          slots.events[index] = event
          slots.setSequence(index, position + 1)
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
    guard slots.sequence(index) == position + 1 else { return nil }
    let event = slots.events[index]
    dequeue.value.store(position + 1, ordering: .relaxed)
    slots.setSequence(index, position + capacity)
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
/// Both arrays start as zeroed memory from `calloc`, which the kernel maps
/// only as a page is first touched: a run that sends a few events touches a
/// few pages of the ring, not all of them (at start-up, a page fault costs
/// more here than the instructions around it). An `Event` holds no
/// reference, so a slot needs no initialising before it is written, and a
/// slot's sequence is kept less its index, so that zero means "this
/// slot's first turn".
///
/// `@unchecked Sendable`: a slot's event is written only by the producer that
/// won the slot's position (compare-exchange) and read only by the consumer
/// after the release/acquire pair on that slot's sequence number.
private final class SlotStorage: @unchecked Sendable {
  let events: UnsafeMutablePointer<Event>
  private let sequences: UnsafeMutablePointer<Atomic<Int>>

  init(count: Int) {
    precondition(_isPOD(Event.self), "an event must hold no reference to live in zeroed memory")
    guard let events = calloc(count, MemoryLayout<Event>.stride),
      let sequences = calloc(count, MemoryLayout<Atomic<Int>>.stride)
    else { fatalError("out of memory for an event ring of \(count) slots") }
    self.events = events.bindMemory(to: Event.self, capacity: count)
    self.sequences = sequences.bindMemory(to: Atomic<Int>.self, capacity: count)
  }

  deinit {
    free(events)
    free(sequences)
  }

  /// The slot's sequence number: whose turn the slot is.
  @inline(__always) func sequence(_ index: Int) -> Int {
    sequences[index].load(ordering: .acquiring) &+ index
  }

  @inline(__always) func setSequence(_ index: Int, _ value: Int) {
    sequences[index].store(value &- index, ordering: .releasing)
  }
}
