/// A synchronisation primitive of a run (a mutex today), as the scheduler,
/// the wait-for graph, the dashboard and the JSON output see it.
///
/// A scenario names its primitives with `PrimitiveSpec`s; the run creates
/// them, numbered from 0 in that order.
protocol Primitive: AnyObject, Sendable {
  var id: Int { get }
  var name: String { get }
  var kind: PrimitiveKind { get }
  /// The threads that hold it now and could let a waiter through.
  func holders() -> [Int]
  /// Whether `thread`, if it blocks on it now, could go on at once (the
  /// scheduler runs only such threads).
  func isAvailable(for thread: Int) -> Bool
  /// Its counters now, with the waiting threads in arrival order; no time
  /// it reports exceeds `span`, the run's length so far.
  func snapshot(waiters: [Int], span: UInt64) -> PrimitiveSnapshot
}

/// What kind of primitive, as shown and as written in JSON.
public enum PrimitiveKind: String, Sendable, Equatable, Codable {
  /// `threading.Lock`: one owner at a time.
  case mutex
  /// `threading.Semaphore(k)`: up to k holders at a time.
  case semaphore
  /// `threading.Condition(lock)`: waiters, woken by `notify()`.
  case condition
}

/// A primitive a scenario asks for: its name in the scenario's code and its kind.
public struct PrimitiveSpec: Sendable, Equatable {
  public var name: String
  public var kind: PrimitiveKind
  /// A semaphore's permits at the start.
  public var permits = 0
  /// A `BoundedSemaphore`: releasing past `permits` is an error.
  public var bounded = false
  /// A condition's lock (a primitive id).
  public var lock = -1

  public init(name: String, kind: PrimitiveKind) {
    self.name = name
    self.kind = kind
  }

  /// A lock called `name`.
  public static func mutex(_ name: String) -> PrimitiveSpec { .init(name: name, kind: .mutex) }

  /// `name = Semaphore(permits)` (or `BoundedSemaphore`).
  public static func semaphore(_ name: String, permits: Int, bounded: Bool) -> PrimitiveSpec {
    var spec = PrimitiveSpec(name: name, kind: .semaphore)
    spec.permits = permits
    spec.bounded = bounded
    return spec
  }

  /// `name = Condition(lock)`, `lock` a primitive id.
  public static func condition(_ name: String, lock: Int) -> PrimitiveSpec {
    var spec = PrimitiveSpec(name: name, kind: .condition)
    spec.lock = lock
    return spec
  }
}
