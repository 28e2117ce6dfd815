import InterleavePlatform

/// Replays a schedule on real threads: before each step a thread waits
/// until the schedule names it (threads by slot: 0 the main thread, then in
/// the order they start). Its turn lasts until it reaches its next step,
/// ends, or waits for something, as the model runs the code between steps
/// at once. An open gate's schedule grows as a driver grants steps; until
/// it is let go, a thread past the schedule's end waits for more.
final class TurnGate: Sendable {
  private struct State {
    var schedule: [Int]
    var position = 0
    /// The thread object whose step is running.
    var holder: Int?
    /// Slot by thread object.
    var slots: [Int: Int] = [:]
    /// Thread objects waiting for a turn, and those that have ended.
    var parked: Set<Int> = []
    var gone: Set<Int> = []
    var open: Bool
    var ending = false

    /// Whether every thread is waiting for a turn or has ended, with no
    /// step given out and not yet taken.
    /// (Never before the main thread is there: it registers first.)
    var settled: Bool {
      !slots.isEmpty && holder == nil && position == schedule.count
        && slots.keys.allSatisfy { parked.contains($0) || gone.contains($0) }
    }
  }

  private let state: Monitor<State>

  init(schedule: [Int], open: Bool = false) {
    state = Monitor(State(schedule: schedule, open: open))
  }

  /// Gives thread object `index` the next slot.
  func register(_ index: Int) {
    state.change { $0.slots[index] = $0.slots.count }
  }

  /// Waits for `thread`'s turn.
  /// - Returns: false past the schedule's end (everyone runs freely) or
  ///   when the run ends.
  @discardableResult
  func take(_ thread: Int, stop: () -> Bool) -> Bool {
    _ = state.change {
      if $0.holder == thread { $0.holder = nil }
      $0.parked.insert(thread)
    }
    var given = false
    let turn = { (gate: inout State) -> Bool in
      // Past the schedule's end everyone runs freely, but only once the
      // last step given out is over: its thread may not have done it yet.
      if gate.ending
        || (!gate.open && gate.position >= gate.schedule.count && gate.holder == nil)
      {
        gate.parked.remove(thread)
        return true
      }
      guard gate.holder == nil, gate.position < gate.schedule.count,
        gate.schedule[gate.position] == gate.slots[thread]
      else { return false }
      gate.holder = thread
      gate.position += 1
      gate.parked.remove(thread)
      given = true
      return true
    }
    // A quit is heard within a tenth of a second.
    while !state.wait(until: MonotonicClock.now() &+ 100_000_000, for: turn) {
      if stop() {
        end()
        return false
      }
    }
    return given
  }

  /// `thread` waits for something: its turn passes.
  func release(_ thread: Int) {
    state.change { if $0.holder == thread { $0.holder = nil } }
  }

  /// `thread` has ended.
  func finished(_ thread: Int) {
    state.change {
      if $0.holder == thread { $0.holder = nil }
      $0.gone.insert(thread)
    }
  }

  /// `thread` waits for something that is no step: it counts as settled.
  func park(_ thread: Int) { state.change { $0.parked.insert(thread) } }

  /// `thread`'s wait has passed: it runs to its next step without a turn.
  func unpark(_ thread: Int) { state.change { $0.parked.remove(thread) } }

  /// An open gate: gives slot `slot` one more step.
  func grant(_ slot: Int) { state.change { $0.schedule.append(slot) } }

  /// An open gate: waits (at most `limit` ns) until the steps given out
  /// have run and every thread waits for a turn or has ended.
  /// - Returns: whether it settled in time.
  func settle(limit: UInt64) -> Bool {
    state.wait(until: MonotonicClock.now() &+ limit) { $0.settled || $0.ending }
  }

  /// Whether it is settled now (no waiting).
  var isSettled: Bool { state.withValue { $0.settled || $0.ending } }

  /// Let go (or never open), past its schedule's end, and the last step
  /// given out done: everyone runs freely, and a timed wait keeps its
  /// timeout. (Before that step is done, a wait that found it not yet
  /// taken would let its thread overtake it, and a replay go otherwise.)
  var runsFreely: Bool {
    state.withValue { !$0.open && $0.position >= $0.schedule.count && $0.holder == nil }
  }

  /// Lets go of an open gate: past the schedule's end everyone runs freely.
  func letGo() { state.change { $0.open = false } }

  /// The run is ending: nobody waits for a turn any more.
  func end() { state.change { $0.ending = true } }

  /// Thread objects by slot.
  var threadsBySlot: [Int] {
    state.withValue { $0.slots.sorted { $0.value < $1.value }.map(\.key) }
  }

  /// Steps the schedule has given out.
  var taken: Int { state.withValue { $0.position } }
}
