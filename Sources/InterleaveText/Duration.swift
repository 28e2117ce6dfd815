/// Short human durations: `850 ns`, `3 µs`, `12.5 ms`, `1.20 s`.
public enum Duration {
  public static func text(_ ns: UInt64) -> String {
    switch ns {
    case ..<1_000: return "\(ns) ns"
    case ..<1_000_000: return "\(ns / 1_000) µs"
    case ..<1_000_000_000:
      let ms = Double(ns) / 1e6
      return ms < 10 ? "\(rounded(ms, 1)) ms" : "\(Int(ms)) ms"
    default: return "\(rounded(Double(ns) / 1e9, 2)) s"
    }
  }

  /// `ns` in seconds as a Python program writes it: `1`, `0.1`, `2.5`.
  public static func python(_ ns: UInt64) -> String {
    ns % 1_000_000_000 == 0 ? String(ns / 1_000_000_000) : String(Double(ns) / 1e9)
  }

  public static func rounded(_ value: Double, _ places: Int) -> String {
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let whole = Int((value * scale).rounded())
    let integer = whole / Int(scale)
    let fraction = String(whole % Int(scale))
    return "\(integer)." + String(repeating: "0", count: places - fraction.count) + fraction
  }
}
