extension ProgramModel {
  /// Why `schedule` (thread slots, one a step) cannot be replayed, if it
  /// cannot: a step that names a thread which is not there yet, has
  /// finished, or is waiting. Checked on the model before the real threads
  /// start, so a replay never waits for a turn that cannot come.
  public func problem(schedule: [Int]) -> String? {
    var state = initial()
    for (position, slot) in schedule.enumerated() {
      let runnable = runnable(state)
      if runnable.isEmpty {
        return "the program has ended after \(position) steps; the schedule has \(schedule.count)"
      }
      guard !runnable.contains(slot) else {
        state = step(state, slot)
        continue
      }
      let why: String
      if slot >= state.threads.count {
        why =
          state.threads.count == 1
          ? "which has not started (only thread 0, the main thread, runs so far)"
          : "which has not started (the threads so far are 0 to \(state.threads.count - 1))"
      } else if state.threads[slot].finished {
        why = "which has finished"
      } else {
        why = "which is waiting (runnable: \(runnable.map(String.init).joined(separator: ", ")))"
      }
      return "step \(position + 1) names thread \(slot), \(why)"
    }
    return nil
  }

  /// Whether a valid `schedule` takes the program to its end (rather than
  /// part of the way, the rest left to the OS), a deadlock included.
  public func ends(after schedule: [Int]) -> Bool {
    state(after: schedule).map { runnable($0).isEmpty } ?? false
  }

  /// Whether a valid `schedule` takes the program to its end proper: every
  /// thread that is not a daemon has finished (not stuck in a deadlock).
  public func finishes(after schedule: [Int]) -> Bool {
    state(after: schedule).map(ended) ?? false
  }

  /// Where `schedule` takes the program (nil: a step cannot go).
  private func state(after schedule: [Int]) -> ModelState? {
    var state = initial()
    for slot in schedule {
      guard runnable(state).contains(slot) else { return nil }
      state = step(state, slot)
    }
    return state
  }
}
