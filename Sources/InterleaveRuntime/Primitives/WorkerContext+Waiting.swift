/// The bookkeeping every blocking wait shares.
extension WorkerContext {
  /// Runs `body` with this thread marked as waiting for primitive `id`: a
  /// fresh ticket (which orders the waiters on screen), what it waits for
  /// (which the deadlock search follows) and its state; all three are put
  /// back however `body` ends.
  func waiting<T>(for id: Int, _ body: () throws(Cancelled) -> T) throws(Cancelled) -> T {
    counters.waitTicket.store(
      shared.waitTickets.add(1, ordering: .relaxed).newValue, ordering: .relaxed)
    counters.waitingFor.store(id, ordering: .sequentiallyConsistent)
    counters.set(.waiting)
    defer {
      counters.waitingFor.store(-1, ordering: .sequentiallyConsistent)
      counters.set(.running)
    }
    return try body()
  }
}
