/// The last steps of every thread in global order, one column per step.
public struct InterleavingStrip: Equatable, Sendable {
  public static let capacity = 512

  /// What one column shows.
  public enum Kind: Equatable, Sendable {
    case read
    case write
    case atomic
    case acquire
    case wait
    case release
    case sleep
    case tick
    /// Sampled at full speed: the thread made progress during this frame.
    case ran
  }

  public struct Column: Equatable, Sendable {
    public var thread: Int
    public var kind: Kind
    /// Set on a write that lost an update: whose write it overwrote.
    public var overwrote: Int?

    public init(thread: Int, kind: Kind, overwrote: Int? = nil) {
      self.thread = thread
      self.kind = kind
      self.overwrote = overwrote
    }
  }

  public var columns: [Column] = []
  /// True when the columns are per-frame samples (full speed), not real steps.
  public var sampled = false

  mutating func append(_ column: Column) {
    columns.append(column)
    if columns.count > InterleavingStrip.capacity {
      columns.removeFirst(columns.count - InterleavingStrip.capacity)
    }
  }

  /// Marks this thread's latest write as one that lost `victim`'s update.
  mutating func markLost(writer: Int, victim: Int) {
    guard let index = columns.lastIndex(where: { $0.thread == writer && $0.kind == .write })
    else { return }
    columns[index].overwrote = victim
  }
}
