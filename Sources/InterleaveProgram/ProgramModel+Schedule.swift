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
        why = "which has not started (threads so far: 0-\(state.threads.count - 1))"
      } else if state.threads[slot].finished {
        why = "which has finished"
      } else {
        why = "which is waiting (runnable: \(runnable.map(String.init).joined(separator: ", ")))"
      }
      return "step \(position + 1) names thread \(slot), \(why)"
    }
    return nil
  }
}
