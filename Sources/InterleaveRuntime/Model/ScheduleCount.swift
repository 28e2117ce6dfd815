/// A number of schedules, exact however large: base-2^64 digits, least
/// significant first. Counts only grow by adding, so addition and decimal
/// text are all it needs.
public struct ScheduleCount: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The lowest digit, kept apart so that a count that fits in 64 bits
  /// (nearly all of them) needs no storage of its own.
  private var low: UInt64
  /// The higher digits; no leading zero.
  private var high: [UInt64] = []

  public static let zero = ScheduleCount(0)
  public static let one = ScheduleCount(1)

  public init(_ value: UInt64) { low = value }

  private init(digits: [UInt64]) {
    low = digits[0]
    high = Array(digits.dropFirst())
  }

  private var digits: [UInt64] { [low] + high }

  /// The count when it fits in 64 bits.
  public var uint64: UInt64? { high.isEmpty ? low : nil }

  /// Close to the count (for shares and estimates).
  public var double: Double {
    digits.reversed().reduce(0.0) { $0 * 18_446_744_073_709_551_616.0 + Double($1) }
  }

  public static func + (lhs: ScheduleCount, rhs: ScheduleCount) -> ScheduleCount {
    var sum = lhs
    sum += rhs
    return sum
  }

  public static func += (lhs: inout ScheduleCount, rhs: ScheduleCount) {
    if lhs.high.isEmpty, rhs.high.isEmpty {
      let (sum, overflow) = lhs.low.addingReportingOverflow(rhs.low)
      lhs.low = sum
      if overflow { lhs.high = [1] }
      return
    }
    var digits = lhs.digits
    let other = rhs.digits
    var carry = false
    for index in 0..<max(digits.count, other.count) {
      if index == digits.count { digits.append(0) }
      let add = index < other.count ? other[index] : 0
      let (partial, first) = digits[index].addingReportingOverflow(add)
      let (total, second) = partial.addingReportingOverflow(carry ? 1 : 0)
      digits[index] = total
      carry = first || second
    }
    if carry { digits.append(1) }
    lhs = ScheduleCount(digits: digits)
  }

  /// Decimal, without separators.
  public var description: String {
    if let small = uint64 { return String(small) }
    // Divide by 10^19 repeatedly; each remainder is 19 decimal digits.
    let chunk: UInt64 = 10_000_000_000_000_000_000
    var rest = digits
    var parts: [UInt64] = []
    while rest.count > 1 || rest[0] != 0 {
      var remainder: UInt64 = 0
      for index in rest.indices.reversed() {
        let (quotient, left) = chunk.dividingFullWidth((remainder, rest[index]))
        rest[index] = quotient
        remainder = left
      }
      while rest.count > 1, rest.last == 0 { rest.removeLast() }
      parts.append(remainder)
    }
    var text = String(parts.removeLast())
    for part in parts.reversed() {
      let digits = String(part)
      text += String(repeating: "0", count: 19 - digits.count) + digits
    }
    return text
  }

  public static func < (lhs: ScheduleCount, rhs: ScheduleCount) -> Bool {
    if lhs.high.count != rhs.high.count { return lhs.high.count < rhs.high.count }
    for (a, b) in zip(lhs.high.reversed(), rhs.high.reversed()) where a != b { return a < b }
    return lhs.low < rhs.low
  }
}
