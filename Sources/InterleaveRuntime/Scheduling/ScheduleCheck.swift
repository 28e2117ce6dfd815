extension Machine {
  /// Checks a thread order (1-based threads) against the machine before a
  /// run follows it: every step's thread must be able to move then, and the
  /// order must take the run to its end (unless it is only a beginning).
  /// - Throws: `ScheduleError` naming the first step that does not fit.
  public func check(_ order: [Int], toTheEnd: Bool = true) throws(ScheduleError) {
    var state = initial()
    for (position, thread) in order.enumerated() {
      let runnable = runnable(state)
      guard !runnable.isEmpty else {
        throw ScheduleError(
          "step \(position + 1): the run has ended (after step \(position)), the schedule goes on")
      }
      guard runnable.contains(thread - 1) else {
        throw ScheduleError(
          "step \(position + 1): thread \(thread) cannot run then (runnable: "
            + runnable.map { String($0 + 1) }.joined(separator: ", ") + ")")
      }
      state = step(state, thread - 1)
    }
    let left = runnable(state)
    guard left.isEmpty || !toTheEnd else {
      throw ScheduleError(
        "the schedule ends after step \(order.count) but the run goes on (runnable: "
          + left.map { String($0 + 1) }.joined(separator: ", ") + ")")
    }
  }
}
