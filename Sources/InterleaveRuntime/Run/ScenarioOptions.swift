/// The knobs of the scenarios that have them (each ignored by the others).
public struct ScenarioOptions: Sendable, Equatable, Hashable {
  /// How `condition`'s consumers and producers wait.
  public enum ConditionVariant: String, Sendable, CaseIterable {
    /// `while` around `wait()`, `notify_all()`: correct.
    case `while`
    /// `if` around `wait()`: a woken consumer may find the buffer empty.
    case `if`
    /// `notify()` where `notify_all()` was needed: everybody may end up waiting.
    case notify
  }

  /// Where `gil`'s interpreter may hand the GIL to another thread.
  public enum GILSwitch: String, Sendable, CaseIterable {
    /// At function entry and loop back-edges, as CPython 3.11 checks.
    case backedge
    /// Between any two bytecodes.
    case any
  }

  public var variant: ConditionVariant = .while
  /// `semaphore`'s `Semaphore(k)`.
  public var permits = 2
  /// `semaphore`: a `BoundedSemaphore`, and code that releases once too often.
  public var bounded = false
  public var gilSwitch: GILSwitch = .backedge
  /// `sys.setswitchinterval()`, in ns (CPython's default is 5 ms).
  public var switchInterval: UInt64 = 5_000_000
  /// `reorder`: sequentially consistent stores and loads.
  public var fence = false
  /// `coarse`'s `acquire(timeout=…)` in ns, on the run's clock: the seed's
  /// `_thread.TIMEOUT_MAX` (9,223,372,036 s), so it never gives up.
  public var lockTimeout: UInt64 = 9_223_372_036 * 1_000_000_000

  public init() {}

  public static let permitRange = 1...64
}
