import InterleaveRuntime

extension Run {
  /// Waits for the run to end by itself, at most `seconds`. A run that
  /// hangs is cancelled and `false` comes back, so the test that started
  /// it fails (`#expect(run.ended())`) instead of holding the whole suite.
  public func ended(within seconds: Double = 60) -> Bool {
    guard Wait.until(seconds, { isFinished }) else {
      cancel()
      return false
    }
    wait()
    return true
  }
}
