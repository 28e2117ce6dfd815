import InterleavePlatform
import Synchronization

/// `threading.Condition(lock)`: `wait()` joins its queue (and lets the lock
/// go); `notify()` wakes the longest waiter, `notify_all()` every one.
final class TracedCondition: Primitive {
  let id: Int
  let name: String
  let kind = PrimitiveKind.condition
  /// The id of the lock it goes with.
  let lock: Int
  /// Waiters in arrival order, and those notified but not yet awake.
  private let state = Monitor<(queue: [Int], notified: Set<Int>)>(([], []))
  let waits = Atomic<Int>(0)
  let notifies = Atomic<Int>(0)

  init(id: Int, name: String, lock: Int) {
    self.id = id
    self.name = name
    self.lock = lock
  }

  /// `thread` joins the wait queue.
  func enqueue(_ thread: Int) {
    waits.add(1, ordering: .relaxed)
    state.withValue { $0.queue.append(thread) }
  }

  /// Wakes the longest waiter, or (`all`) every waiter.
  /// - Returns: how many were woken.
  func notify(all: Bool) -> Int {
    notifies.add(1, ordering: .relaxed)
    return state.change { state in
      let woken = all ? state.queue : Array(state.queue.prefix(1))
      state.queue.removeFirst(woken.count)
      state.notified.formUnion(woken)
      return woken.count
    }
  }

  /// Waits until `thread` is notified (and takes the notification), or
  /// until `deadline`. - Returns: whether it was notified.
  func awaitNotified(_ thread: Int, until deadline: UInt64) -> Bool {
    state.wait(until: deadline) { $0.notified.remove(thread) != nil }
  }

  /// Whether `thread` waits in the queue, not yet notified.
  func isWaiting(_ thread: Int) -> Bool { state.withValue { $0.queue.contains(thread) } }

  /// Nobody holds a condition: the waiters wait for a notify, from anyone.
  func holders() -> [Int] { [] }

  /// A waiter may wake once notified.
  func isAvailable(for thread: Int) -> Bool { state.withValue { $0.notified.contains(thread) } }

  func snapshot(waiters: [Int], span: UInt64) -> PrimitiveSnapshot {
    var snapshot = PrimitiveSnapshot(
      id: id, name: name, kind: kind, waiters: state.withValue { $0.queue },
      acquisitions: waits.load(ordering: .relaxed))
    snapshot.notifies = notifies.load(ordering: .relaxed)
    return snapshot
  }
}
