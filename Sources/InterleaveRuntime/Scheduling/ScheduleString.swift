/// A schedule written for people: `1x3 2x4 1` is thread 1 for three steps,
/// thread 2 for four, then thread 1 for one. What the explorer prints and
/// `--schedule` takes.
public enum ScheduleString {
  /// The order as runs of one thread each.
  public static func text(_ order: [Int]) -> String {
    var runs: [(Int, Int)] = []
    for thread in order {
      if let last = runs.last, last.0 == thread {
        runs[runs.count - 1].1 += 1
      } else {
        runs.append((thread, 1))
      }
    }
    return runs.map { $0.1 == 1 ? "\($0.0)" : "\($0.0)x\($0.1)" }.joined(separator: " ")
  }

  /// The thread order a schedule string stands for.
  /// - Throws: `ScheduleError` naming the item at fault (1-based).
  public static func order(_ text: String, threads: Int) throws(ScheduleError) -> [Int] {
    var order: [Int] = []
    let items = text.split(whereSeparator: { $0 == " " || $0 == "," })
    guard !items.isEmpty else { throw ScheduleError("the schedule is empty") }
    for (position, item) in items.enumerated() {
      let parts = item.split(separator: "x", omittingEmptySubsequences: false)
      guard parts.count <= 2, let thread = Int(parts[0]),
        let count = parts.count == 2 ? Int(parts[1]) : 1, count >= 1, count <= 1_000_000
      else {
        throw ScheduleError(
          "item \(position + 1) ('\(item.prefix(20))'): expected THREAD or THREADxSTEPS, such as 2x4"
        )
      }
      guard (1...threads).contains(thread) else {
        throw ScheduleError(
          "item \(position + 1) ('\(item.prefix(20))'): there is no thread \(thread) (threads 1...\(threads))"
        )
      }
      order += Array(repeating: thread, count: count)
      guard order.count <= 10_000_000 else {
        throw ScheduleError("the schedule is longer than 10,000,000 steps")
      }
    }
    return order
  }
}
