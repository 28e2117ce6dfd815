/// The names threads get, following Python's `threading`.
public enum ThreadName {
  /// Linux keeps 15 bytes of a thread's name.
  public static let osLimit = 15

  public static let main = "MainThread"

  /// `Thread-k`, or for the loop scenario `LoopThread` / `循环线程`
  /// (with `-k` when there is more than one).
  public static func worker(_ index: Int, of count: Int, scenario: Scenario, chinese: Bool)
    -> String
  {
    guard scenario == .loop else { return "Thread-\(index)" }
    let base = chinese ? "循环线程" : "LoopThread"
    return count == 1 ? base : "\(base)-\(index)"
  }

  /// `name` cut to at most 15 bytes without splitting a UTF-8 character.
  public static func osName(_ name: String) -> String {
    var bytes = 0
    var kept = ""
    for scalar in name.unicodeScalars {
      let size = String(scalar).utf8.count
      guard bytes + size <= osLimit else { break }
      bytes += size
      kept.unicodeScalars.append(scalar)
    }
    return kept
  }
}
