/// Where a run's events went: every event produced is either received by the
/// consumer or counted as dropped by the full queue.
public struct EventAccount: Sendable, Equatable {
  public var produced = 0
  public var received = 0
  public var dropped = 0

  public init(produced: Int = 0, received: Int = 0, dropped: Int = 0) {
    self.produced = produced
    self.received = received
    self.dropped = dropped
  }

  /// `received + dropped == produced`: no event was lost or counted twice.
  public var isExact: Bool { received + dropped == produced }

  /// Two accounts together (runs one after another).
  public static func + (lhs: EventAccount, rhs: EventAccount) -> EventAccount {
    EventAccount(
      produced: lhs.produced + rhs.produced, received: lhs.received + rhs.received,
      dropped: lhs.dropped + rhs.dropped)
  }
}
