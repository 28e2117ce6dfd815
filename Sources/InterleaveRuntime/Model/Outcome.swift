/// How a run ends, in terms a scenario cares about: what the explorer
/// counts schedules by, and what a real run is checked against.
public struct Outcome: Hashable, Comparable, Sendable, CustomStringConvertible {
  public enum Kind: Hashable, Sendable {
    /// The shared balance's final value.
    case balance(Int)
    /// Named values (`r1=0 r2=0`, or each process's balance).
    case values([Value])
    /// Every thread ran to its end (a scenario with nothing to count).
    case finished
    /// A thread ended with an error Python would raise.
    case error(ModelError)
    /// Nobody could move while some waited for locks: a wait-for cycle.
    case deadlock
    /// Everybody left waits on a condition that nobody will notify.
    case hang
  }

  /// A named value of an outcome.
  public struct Value: Hashable, Comparable, Sendable {
    public var name: String
    public var value: Int

    public init(_ name: String, _ value: Int) {
      self.name = name
      self.value = value
    }

    public static func < (lhs: Value, rhs: Value) -> Bool {
      (lhs.name, lhs.value) < (rhs.name, rhs.value)
    }
  }

  public var kind: Kind

  public init(_ kind: Kind) { self.kind = kind }

  public static func balance(_ value: Int) -> Outcome { Outcome(.balance(value)) }

  /// The balance, when the outcome is one.
  public var balance: Int? {
    if case .balance(let value) = kind { return value }
    return nil
  }

  /// A short, stable name for it (the explorer's output, JSON, file names).
  public var description: String {
    switch kind {
    case .balance(let value): return "balance \(value)"
    case .values(let values):
      return values.map {
        $0.name.contains(" ") ? "\($0.name) \($0.value)" : "\($0.name)=\($0.value)"
      }
      .joined(separator: " ")
    case .finished: return "finished"
    case .error(let error): return error.python
    case .deadlock: return "deadlock"
    case .hang: return "hang"
    }
  }

  /// Balances in order, then named values, finished, errors, deadlock, hang.
  public static func < (lhs: Outcome, rhs: Outcome) -> Bool {
    let (a, b) = (lhs.sortKey, rhs.sortKey)
    if a.rank != b.rank { return a.rank < b.rank }
    return a.numbers.lexicographicallyPrecedes(b.numbers)
  }

  private var sortKey: (rank: Int, numbers: [Int]) {
    switch kind {
    case .balance(let value): return (0, [value])
    case .values(let values): return (1, values.map(\.value))
    case .finished: return (2, [])
    case .error(let error): return (3, [error.rawValue])
    case .deadlock: return (4, [])
    case .hang: return (5, [])
    }
  }
}

extension ModelError: Comparable {
  public static func < (lhs: ModelError, rhs: ModelError) -> Bool { lhs.rawValue < rhs.rawValue }

  /// The exception's type: `IndexError`.
  public var pythonType: String { String(python.prefix { $0 != ":" }) }

  /// How Python reports it.
  public var python: String {
    switch self {
    case .popFromEmpty: return "IndexError: pop from empty list"
    case .semaphoreOverRelease: return "ValueError: Semaphore released too many times"
    }
  }
}
