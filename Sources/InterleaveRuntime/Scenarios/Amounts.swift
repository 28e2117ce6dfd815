/// The numbers each worker adds.
enum Amounts {
  /// The race's `n` for worker k: 5, 8, 13, 21, ... (repeating after 20).
  static func race(_ worker: Int) -> Int {
    var (a, b) = (5, 8)
    for _ in 0..<((worker - 1) % 20) { (a, b) = (b, a + b) }
    return a
  }

  /// The coarse scenario's increment for worker k: 1, 10, 100, ... (repeating after 12).
  static func coarse(_ worker: Int) -> Int {
    var value = 1
    for _ in 0..<((worker - 1) % 12) { value *= 10 }
    return value
  }
}
