/// What a learner has done in each challenge, kept between runs in
/// `progress.toml`: won or not, and the best win (fewest preemptions, then
/// fewest steps).
public struct ChallengeProgress: Equatable, Sendable {
  public struct Record: Equatable, Sendable {
    public var won: Bool
    /// Steps and preemptions of the best win (of the last try when not won).
    public var steps: Int
    public var preemptions: Int
    public var tries: Int
    /// The best win took the solution's steps (`w`).
    public var helped: Bool

    public init(won: Bool, steps: Int, preemptions: Int, tries: Int = 1, helped: Bool = false) {
      (self.won, self.steps, self.preemptions, self.tries) = (won, steps, preemptions, tries)
      self.helped = helped
    }
  }

  /// By challenge name.
  public var records: [String: Record] = [:]

  public init() {}

  /// The progress in `text`; a file that cannot be read as progress is a
  /// `SourceError` with its line (the caller reports it and starts afresh).
  public static func parse(_ text: String, file: String) throws(SourceError) -> ChallengeProgress {
    let table = try TOMLDocument.table(text, file: file)
    var progress = ChallengeProgress()
    for entry in table.entries {
      guard entry.key == "challenges", let challenges = entry.value.table else {
        throw SourceError(
          file: file, line: entry.line, column: entry.column,
          message: "unexpected '\(entry.key)' (expected [challenges.NAME] tables)")
      }
      for record in challenges.entries {
        guard let fields = record.value.table, let won = fields["won"]?.bool,
          let steps = fields["steps"]?.int, let preemptions = fields["preemptions"]?.int,
          steps >= 0, preemptions >= 0
        else {
          throw SourceError(
            file: file, line: record.line, column: record.column,
            message: "[challenges.\(record.key)] needs won = true/false, steps = N, "
              + "preemptions = N")
        }
        progress.records[record.key] = Record(
          won: won, steps: steps, preemptions: preemptions, tries: fields["tries"]?.int ?? 1,
          helped: fields["helped"]?.bool ?? false)
      }
    }
    return progress
  }

  /// The file's text, challenges in name order.
  public var text: String {
    var lines = ["# Interleave: the challenges you have played. Safe to delete.", ""]
    for name in records.keys.sorted() {
      let record = records[name]!
      lines += [
        "[challenges.\(Self.quoted(name))]", "won = \(record.won)", "steps = \(record.steps)",
        "preemptions = \(record.preemptions)", "tries = \(record.tries)",
        "helped = \(record.helped)", "",
      ]
    }
    return lines.joined(separator: "\n")
  }

  /// A key as a TOML basic string.
  static func quoted(_ key: String) -> String {
    var out = "\""
    for scalar in key.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F:
        out +=
          "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
          + String(scalar.value, radix: 16)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  /// Counts a try; a win is kept when it is the first or beats the best
  /// (a win of one's own beats one the solution helped with, then fewer
  /// preemptions, then fewer steps).
  public mutating func record(
    _ name: String, won: Bool, steps: Int, preemptions: Int, helped: Bool = false
  ) {
    guard var record = records[name] else {
      records[name] = Record(won: won, steps: steps, preemptions: preemptions, helped: helped)
      return
    }
    record.tries += 1
    let better =
      (helped ? 1 : 0, preemptions, steps)
      < (record.helped ? 1 : 0, record.preemptions, record.steps)
    if won, !record.won || better {
      (record.won, record.steps, record.preemptions) = (true, steps, preemptions)
      record.helped = helped
    }
    records[name] = record
  }
}
