/// Number formats shared by the widgets.
public enum Format {
  /// `12,345` / `-1,000`.
  public static func grouped(_ value: Int) -> String {
    (value < 0 ? "-" : "") + grouped(digits: String(value.magnitude))
  }

  /// Decimal digits in groups of three: `9465511770` is `9,465,511,770`.
  public static func grouped(digits: String) -> String {
    var out = ""
    for (offset, character) in digits.enumerated() {
      if offset > 0 && (digits.count - offset) % 3 == 0 { out.append(",") }
      out.append(character)
    }
    return out
  }

  /// `+12` / `-3` / `0`.
  public static func signed(_ value: Int) -> String {
    value > 0 ? "+" + grouped(value) : grouped(value)
  }

  /// `1.2 M/s`-style rates; a slow one, under one a second, reads `<1`.
  public static func rate(_ perSecond: Double) -> String {
    switch perSecond {
    case 0.000_001..<1: return "<1"
    case 1e9...: return "\(Duration.rounded(perSecond / 1e9, 1)) G"
    case 1e6...: return "\(Duration.rounded(perSecond / 1e6, 1)) M"
    case 1e3...: return "\(Duration.rounded(perSecond / 1e3, 1)) k"
    default: return String(Int(perSecond.rounded()))
    }
  }

  /// `3.2 s` / `1:02` elapsed time.
  public static func elapsed(_ ns: UInt64) -> String {
    let seconds = Double(ns) / 1e9
    if seconds < 60 { return "\(Duration.rounded(seconds, 1)) s" }
    let whole = Int(seconds)
    let rest = whole % 60
    return "\(whole / 60):" + (rest < 10 ? "0" : "") + "\(rest)"
  }

  /// `45%`; a share that is not zero never reads as nothing (`0.26%`,
  /// `<0.01%`), and one short of all never reads as all (`99.7%`, `>99.9%`).
  public static func percent(_ share: Double) -> String {
    let value = share * 100
    if value > 0 && value < 0.01 { return "<0.01%" }
    if value > 0 && value < 1 { return Duration.rounded(value, 2) + "%" }
    if value > 99.9 && value < 100 { return ">99.9%" }
    if value >= 99.5 && value < 100 { return Duration.rounded(value, 1) + "%" }
    return "\(Int(value.rounded()))%"
  }

  /// A thread's CPU use over the last sample, in whole percent: `<1%` for
  /// a little (finer figures were the scheduler's noise, and flickered).
  public static func cpu(_ share: Double) -> String {
    let value = share * 100
    if value > 0 && value < 0.5 { return "<1%" }
    return "\(Int(value.rounded()))%"
  }

  /// `4.2 ms` below a tenth of a second (a full-speed run is over in a few
  /// milliseconds, not in "0.0 s"), then `3.2 s` / `1:02`.
  public static func runTime(_ ns: UInt64) -> String {
    ns < 100_000_000 ? Duration.text(ns) : elapsed(ns)
  }

  /// Sparkline of values scaled to their maximum.
  public static func sparkline(_ values: some BidirectionalCollection<Double>, width: Int) -> String
  {
    let bars = Array("▁▂▃▄▅▆▇█")
    let shown = values.suffix(width)
    let top = shown.max() ?? 0
    guard top > 0 else { return String(repeating: "▁", count: shown.count) }
    return String(shown.map { bars[min(bars.count - 1, Int($0 / top * Double(bars.count - 1)))] })
  }
}
