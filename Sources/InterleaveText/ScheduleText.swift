/// A program's schedule as written (`0x3 1 2x2`): one thread number a
/// step, `THREADxSTEPS` for a run of steps.
public enum ScheduleText {
  /// The thread slot of each step, or what is wrong with the text.
  public static func parse(_ text: String) -> Result<[Int], ScheduleError> {
    guard text.contains(where: { !$0.isWhitespace }) else {
      return .failure(
        ScheduleError(
          "'\(text)': no steps given; expected thread numbers such as '0x3 1 2x2'"))
    }
    var slots: [Int] = []
    for (index, item) in text.split(separator: " ").enumerated() {
      let parts = item.split(separator: "x", omittingEmptySubsequences: false)
      guard (1...2).contains(parts.count), let thread = Int(parts[0]), thread >= 0,
        let count = parts.count == 2 ? Int(parts[1]) : 1, (1...1_000_000).contains(count),
        slots.count + count <= 64_000_000
      else {
        return .failure(
          ScheduleError(
            "'\(text)': item \(index + 1) ('\(item)'): expected THREAD or THREADxSTEPS, such as 1x4"
          ))
      }
      slots += Array(repeating: thread, count: count)
    }
    return .success(slots)
  }
}

/// Why a schedule's text cannot be read.
public struct ScheduleError: Error, Sendable, CustomStringConvertible {
  public var description: String
  init(_ description: String) { self.description = description }
}
