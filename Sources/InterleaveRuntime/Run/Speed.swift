/// How fast the workers step: full speed, or a delay before every step.
public enum Speed: Sendable, Equatable, CustomStringConvertible {
  case full
  /// A delay in nanoseconds before every step.
  case delay(UInt64)

  public static let fast = Speed.delay(5_000_000)
  public static let normal = Speed.delay(200_000_000)
  public static let slow = Speed.delay(800_000_000)

  /// The steps `+` and `-` move through, fastest first.
  public static let ladder: [Speed] = [
    .full, .delay(1_000_000), .fast, .delay(20_000_000), .delay(50_000_000),
    .delay(100_000_000), .normal, .delay(400_000_000), .slow, .delay(2_000_000_000),
  ]

  /// Parses `full`, `fast`, `normal`, `slow`, or a whole number of milliseconds
  /// (0...60000) per step.
  public init?(parsing text: String) {
    switch text.lowercased() {
    case "full": self = .full
    case "fast": self = .fast
    case "normal": self = .normal
    case "slow": self = .slow
    default:
      let digits = text.hasSuffix("ms") ? String(text.dropLast(2)) : text
      guard let ms = UInt64(digits), ms <= 60_000 else { return nil }
      self = ms == 0 ? .full : .delay(ms * 1_000_000)
    }
  }

  /// Delay per step in nanoseconds (0 at full speed).
  public var nanoseconds: UInt64 {
    if case .delay(let ns) = self { return ns }
    return 0
  }

  public var description: String {
    switch self {
    case .full: return "full"
    case .delay(let ns):
      if ns % 1_000_000 == 0 { return "\(ns / 1_000_000) ms" }
      return "\(Double(ns) / 1_000_000) ms"
    }
  }

  /// The next faster (`-1`) or slower (`+1`) speed on the ladder.
  public func stepped(_ direction: Int) -> Speed {
    let index =
      Speed.ladder.firstIndex { $0.nanoseconds >= nanoseconds } ?? (Speed.ladder.count - 1)
    let next = max(0, min(Speed.ladder.count - 1, index + direction))
    return Speed.ladder[next]
  }
}
