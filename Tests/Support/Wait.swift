import Glibc
import InterleavePlatform

/// Bounded waits on a condition, for tests: never a fixed sleep as proof.
public enum Wait {
  /// Polls `condition` every `every` ms until it holds or `seconds` pass.
  /// - Returns: whether it held.
  @discardableResult
  public static func until(
    _ seconds: Double = 10, every milliseconds: UInt32 = 2, _ condition: () -> Bool
  ) -> Bool {
    let deadline = MonotonicClock.now() + UInt64(seconds * 1e9)
    while true {
      if condition() { return true }
      if MonotonicClock.now() >= deadline { return false }
      var spec = timespec(tv_sec: 0, tv_nsec: Int(milliseconds) * 1_000_000)
      nanosleep(&spec, nil)
    }
  }
}
