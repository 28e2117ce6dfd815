/// How often a full-speed race must drift for a test to call it working:
/// one threshold for every test that asks.
///
/// On a quiet two-core machine nearly every run loses updates. On this
/// project's shared two-vCPU machines both vCPUs sometimes sit on one host
/// core, the threads take turns and hardly overlap, and a run can end at 0
/// by luck (ARCHITECTURE.md, fact 15). So a test asks for a few drifting
/// runs within a bound, which a broken race (never drifting) cannot give
/// and a working one gives even in a bad spell.
public enum RaceOdds {
  /// Runs tried at most.
  public static let runs = 20
  /// Drifting runs that are enough.
  public static let drifting = 3
}
