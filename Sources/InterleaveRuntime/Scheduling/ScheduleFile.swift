/// The text of a `--schedule-out` file: a header naming the run, then the
/// thread chosen at each step, one per line.
public enum ScheduleFile {
  static let magic = "# interleave schedule v1"

  /// The file's text for a run.
  public static func text(order: [Int], configuration: RunConfiguration) -> String {
    var lines = [header(configuration)]
    lines.reserveCapacity(order.count + 1)
    lines.append(contentsOf: order.map(String.init))
    return lines.joined(separator: "\n") + "\n"
  }

  static func header(_ configuration: RunConfiguration) -> String {
    "\(magic): \(configuration.scenario.rawValue) threads=\(configuration.threads) iterations=\(configuration.iterations)"
  }

  /// The thread order in a schedule file, checked against the run it is for.
  /// - Throws: `ScheduleError` naming the line at fault.
  public static func order(from text: String, for configuration: RunConfiguration)
    throws(ScheduleError)
    -> [Int]
  {
    var order: [Int] = []
    var sawHeader = false
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.trimmingSpaces
      let number = index + 1
      if line.isEmpty { continue }
      if line.hasPrefix("#") {
        if line.hasPrefix(magic) {
          sawHeader = true
          guard line == header(configuration) else {
            throw ScheduleError(
              "line \(number): the schedule is for '\(line.dropFirst(magic.count + 2))', "
                + "not '\(header(configuration).dropFirst(magic.count + 2))'")
          }
        }
        continue
      }
      guard let thread = Int(line), (1...configuration.threads).contains(thread) else {
        throw ScheduleError(
          "line \(number): expected a thread number 1...\(configuration.threads), got '\(line.prefix(40))'"
        )
      }
      order.append(thread)
    }
    guard sawHeader else {
      throw ScheduleError("line 1: not an interleave schedule (no '\(magic)' header)")
    }
    return order
  }
}

extension Substring {
  fileprivate var trimmingSpaces: String {
    String(
      drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed().drop {
        $0 == " " || $0 == "\t" || $0 == "\r"
      }.reversed())
  }
}
