/// The six lessons, in the order of their keys (1-6) in the dashboard.
public enum Scenario: String, CaseIterable, Sendable, Codable {
  /// Start and join named loop threads (the seed's first example).
  case loop
  /// `balance += n; balance -= n` with no lock: updates are lost.
  case race
  /// The same with a lock around `change_it`: always 0.
  case locked
  /// `_thread` style: each worker holds the lock across its whole loop.
  case coarse
  /// Two locks taken in opposite orders.
  case deadlock
  /// The race with an atomic add: correct and fast.
  case atomic

  /// The dashboard key, 1-6.
  public var key: Int { Scenario.allCases.firstIndex(of: self)! + 1 }

  /// Whether the scenario works on the shared balance.
  public var usesBalance: Bool { self != .loop }

  /// Whether `--iterations` changes what the scenario does.
  public var usesIterations: Bool {
    self == .race || self == .locked || self == .atomic || self == .deadlock
  }
}
