import DequeModule
import InterleaveRuntime
import InterleaveText

/// The last steps of every thread in global order, one column per step.
public struct InterleavingStrip: Equatable, Sendable {
  public static let capacity = 512

  /// What one column shows.
  public enum Kind: Equatable, Sendable {
    case read
    case write
    case atomic
    case acquire
    /// Blocked in `acquire()` on a lock or a semaphore.
    case wait
    /// In `cond.wait()`.
    case conditionWait
    /// Waiting for the GIL.
    case gilWait
    case release
    case sleep
    case tick
    case put
    case take
    case notify
    case bytecode
    case raise
    /// Sampled at full speed: these threads made progress during this
    /// frame (the column's `ran`), all at once when they ran in parallel.
    case ran

    /// The column an event makes, if it makes one.
    init?(_ event: EventKind) {
      switch event {
      case .read, .load: self = .read
      case .write, .store: self = .write
      case .atomicAdd: self = .atomic
      case .waiting: self = .wait
      case .conditionWait: self = .conditionWait
      case .acquired: self = .acquire
      case .released: self = .release
      case .sleep: self = .sleep
      case .count: self = .tick
      case .put: self = .put
      case .take: self = .take
      case .notify: self = .notify
      case .bytecode: self = .bytecode
      case .raised: self = .raise
      default: return nil
      }
    }

    /// The legend entry for this kind.
    public var glyph: StripGlyph {
      switch self {
      case .read: return .read
      case .write: return .write
      case .atomic: return .atomic
      case .acquire: return .acquire
      case .wait: return .wait
      case .conditionWait: return .conditionWait
      case .gilWait: return .gilWait
      case .release: return .release
      case .sleep: return .sleep
      case .tick: return .tick
      case .put: return .put
      case .take: return .take
      case .notify: return .notify
      case .bytecode: return .bytecode
      case .raise: return .raise
      case .ran: return .ran
      }
    }
  }

  public struct Column: Equatable, Sendable {
    public var thread: Int
    public var kind: Kind
    /// Set on a write that lost an update: whose write it overwrote.
    public var overwrote: Int?
    /// A sampled column's threads that made progress in its frame, in order.
    public var ran: [Int] = []

    public init(thread: Int, kind: Kind, overwrote: Int? = nil) {
      self.thread = thread
      self.kind = kind
      self.overwrote = overwrote
    }

    /// One full-speed frame: every thread in `threads` made progress in it.
    public static func frame(_ threads: [Int]) -> Column {
      var column = Column(thread: threads.first ?? 0, kind: .ran)
      column.ran = threads
      return column
    }

    /// Whether this column shows `lane` doing something.
    func shows(_ lane: Int) -> Bool {
      kind == .ran ? ran.contains(lane) : thread == lane
    }
  }

  public var columns: Deque<Column> = []
  /// True when the columns are per-frame samples (full speed), not real steps.
  public var sampled = false
  /// Every glyph the strip has shown this run, for its legend.
  public var glyphsSeen: Set<StripGlyph> = []

  mutating func append(_ column: Column) {
    columns.append(column)
    glyphsSeen.insert(column.kind.glyph)
    if columns.count > InterleavingStrip.capacity { columns.removeFirst() }
  }

  /// Marks this thread's latest write as one that lost `victim`'s update.
  mutating func markLost(writer: Int, victim: Int) {
    guard let index = columns.lastIndex(where: { $0.thread == writer && $0.kind == .write })
    else { return }
    columns[index].overwrote = victim
    glyphsSeen.formUnion([.overwrote, .lost])
  }
}
