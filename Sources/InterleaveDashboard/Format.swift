import InterleaveRuntime

/// Number formats shared by the widgets.
public enum Format {
  /// `12,345` / `-1,000`.
  public static func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (offset, character) in digits.enumerated() {
      if offset > 0 && (digits.count - offset) % 3 == 0 { out.append(",") }
      out.append(character)
    }
    return (value < 0 ? "-" : "") + out
  }

  /// `+12` / `-3` / `0`.
  static func signed(_ value: Int) -> String {
    value > 0 ? "+" + grouped(value) : grouped(value)
  }

  /// `1.2 M/s`-style rates.
  static func rate(_ perSecond: Double) -> String {
    switch perSecond {
    case 1e9...: return "\(Duration.rounded(perSecond / 1e9, 1)) G"
    case 1e6...: return "\(Duration.rounded(perSecond / 1e6, 1)) M"
    case 1e3...: return "\(Duration.rounded(perSecond / 1e3, 1)) k"
    default: return String(Int(perSecond.rounded()))
    }
  }

  /// `3.2 s` / `1:02` elapsed time.
  static func elapsed(_ ns: UInt64) -> String {
    let seconds = Double(ns) / 1e9
    if seconds < 60 { return "\(Duration.rounded(seconds, 1)) s" }
    let whole = Int(seconds)
    let rest = whole % 60
    return "\(whole / 60):" + (rest < 10 ? "0" : "") + "\(rest)"
  }

  /// `45%`.
  static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

  /// Sparkline of values scaled to their maximum.
  static func sparkline(_ values: [Double], width: Int) -> String {
    let bars = Array("▁▂▃▄▅▆▇█")
    let shown = values.suffix(width)
    let top = shown.max() ?? 0
    guard top > 0 else { return String(repeating: "▁", count: shown.count) }
    return String(shown.map { bars[min(bars.count - 1, Int($0 / top * Double(bars.count - 1)))] })
  }
}

extension ThreadState {
  /// The badge text.
  func label(_ language: Language) -> String {
    let zh = language == .zh
    switch self {
    case .created: return zh ? "已创建" : "created"
    case .running: return zh ? "运行中" : "running"
    case .waiting: return zh ? "等待锁" : "waiting"
    case .sleeping: return zh ? "睡眠" : "sleeping"
    case .finished: return zh ? "已结束" : "finished"
    case .cancelled: return zh ? "已取消" : "cancelled"
    }
  }

  var role: Role {
    switch self {
    case .created, .running: return .running
    case .waiting: return .waiting
    case .sleeping: return .sleeping
    case .finished: return .finished
    case .cancelled: return .cancelled
    }
  }
}
