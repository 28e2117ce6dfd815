import InterleavePlatform

/// Replays a schedule on real threads: before each step a thread waits
/// until the schedule names it (threads by slot: 0 the main thread, then in
/// the order they start). Its turn lasts until it reaches its next step,
/// ends, or waits for something, as the model runs the code between steps
/// at once.
final class TurnGate: Sendable {
  private struct State {
    var schedule: [Int]
    var position = 0
    /// The thread object whose step is running.
    var holder: Int?
    /// Slot by thread object.
    var slots: [Int: Int] = [:]
    var ending = false
  }

  private let state: Monitor<State>

  init(schedule: [Int]) { state = Monitor(State(schedule: schedule)) }

  /// Gives thread object `index` the next slot.
  func register(_ index: Int) {
    state.change { $0.slots[index] = $0.slots.count }
  }

  /// Waits for `thread`'s turn.
  /// - Returns: false past the schedule's end (everyone runs freely) or
  ///   when the run ends.
  @discardableResult
  func take(_ thread: Int, stop: () -> Bool) -> Bool {
    _ = state.change { if $0.holder == thread { $0.holder = nil } }
    var given = false
    let turn = { (gate: inout State) -> Bool in
      if gate.ending || gate.position >= gate.schedule.count { return true }
      guard gate.holder == nil, gate.schedule[gate.position] == gate.slots[thread] else {
        return false
      }
      gate.holder = thread
      gate.position += 1
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

  /// `thread` ends or waits: its turn passes.
  func release(_ thread: Int) {
    state.change { if $0.holder == thread { $0.holder = nil } }
  }

  /// The run is ending: nobody waits for a turn any more.
  func end() { state.change { $0.ending = true } }

  /// Steps the schedule has given out.
  var taken: Int { state.withValue { $0.position } }
}
