import InterleaveRuntime
import InterleaveText

/// What `explore` found, as text for people or JSON lines for programs.
struct ExploreReport {
  var configuration: RunConfiguration
  var total: ScheduleCount
  var states: Int
  var seconds: Double
  var rows: [ExploreRow]
  /// Runs of each kind made by `--observe`, or nil.
  var observed: Int?
  /// Whether `--replay-all` ran every schedule.
  var replayedAll = false

  var scenario: String { configuration.scenario.id }

  /// Whether real threads did anything the count says they cannot.
  var problems: [String] {
    var problems: [String] = []
    for row in rows {
      if case .disagreed(let real) = row.replay {
        problems.append(
          "the schedule \(ScheduleString.text(row.witness)) for \(row.outcome) "
            + (real.map { "ended on real threads with \($0)" }
              ?? "could not be followed by real threads"))
      }
      if replayedAll, row.replayedAll.description != row.schedules.description {
        problems.append(
          "\(row.outcome): counted \(row.schedules), real threads \(row.replayedAll) of the runs")
      }
      if row.witness.isEmpty, row.seeded + row.fullSpeed > 0 {
        problems.append("\(row.outcome): reached by real threads, but no schedule leads there")
      }
    }
    return problems
  }

  /// Whether `outcome` is what a correct program ends with.
  func isCorrect(_ outcome: Outcome) -> Bool {
    configuration.scenario.isCorrect(outcome, configuration)
  }

  /// The command that reruns `row`'s schedule in the dashboard.
  func command(_ row: ExploreRow) -> String {
    "interleave \(scenario) --threads \(configuration.threads) --iterations "
      + "\(configuration.iterations)" + ScenarioFlags.arguments(for: configuration)
      + " --schedule '\(ScheduleString.text(row.witness))'"
  }

  /// The row a learner most wants to see: the first wrong outcome.
  var highlighted: ExploreRow? {
    rows.first { !$0.witness.isEmpty && !isCorrect($0.outcome) } ?? rows.first
  }

  // MARK: - Text

  func text() -> [String] {
    let threads = Self.count(configuration.threads, "thread")
    let iterations = Self.count(configuration.iterations, "iteration")
    let counted = rows.filter { !$0.witness.isEmpty }.count
    var lines = [
      "\(scenario), \(threads) x \(iterations): \(Self.grouped(total)) schedules, "
        + "\(Self.count(counted, "outcome")) (\(Format.grouped(states)) states counted in "
        + "\(Duration.rounded(seconds, 2)) s)",
      "",
    ]
    let labelWidth = max(21, rows.map { label($0).count + 1 }.max() ?? 0)
    let countWidth = max(15, rows.map { Self.grouped($0.schedules).count + 2 }.max() ?? 0)
    var header =
      Self.pad("outcome", labelWidth) + Self.padLeft("schedules", countWidth)
      + Self.padLeft("share", 8)
    if observed != nil { header += Self.padLeft("seeded", 8) + Self.padLeft("full speed", 12) }
    if replayedAll { header += Self.padLeft("real", 15) }
    header += Self.padLeft("preempt", 9) + "  simplest schedule"
    lines.append(header)
    for row in rows {
      let share = total.double > 0 ? row.schedules.double / total.double * 100 : 0
      var line =
        Self.pad(label(row), labelWidth) + Self.padLeft(Self.grouped(row.schedules), countWidth)
        + Self.padLeft(Self.percent(share), 8)
      if observed != nil {
        line += Self.padLeft(String(row.seeded), 8) + Self.padLeft(String(row.fullSpeed), 12)
      }
      if replayedAll { line += Self.padLeft(Format.grouped(row.replayedAll), 15) }
      if row.witness.isEmpty {
        line += Self.padLeft("-", 9) + "  (no schedule leads here)"
      } else {
        line += Self.padLeft(String(row.preemptions), 9) + "  " + ScheduleString.text(row.witness)
      }
      lines.append(line)
    }
    lines.append("")
    if let observed {
      let seen = rows.filter { $0.fullSpeed > 0 }.count
      lines.append(
        "Possible is not common: \(observed) full-speed runs on real threads ended in "
          + "\(Self.count(seen, "outcome")) of the \(counted) possible.")
    }
    if replayedAll {
      lines.append(
        problems.isEmpty
          ? "Every schedule ran on real threads and ended as counted."
          : "Real threads and the count disagree (see below).")
    }
    if rows.contains(where: { $0.replay == .agreed }), problems.isEmpty {
      lines.append("Each simplest schedule ran on real threads and ended as counted.")
    }
    if let row = highlighted, !row.witness.isEmpty {
      lines.append("Watch \(row.outcome) happen, one step at a time:")
      lines.append("  " + command(row))
    }
    return lines
  }

  /// `balance 0 (correct)`.
  func label(_ row: ExploreRow) -> String {
    row.outcome.description + (isCorrect(row.outcome) ? " (correct)" : "")
  }

  // MARK: - JSON lines

  func jsonl() -> [String] {
    var lines: [String] = []
    for row in rows {
      let share = total.double > 0 ? row.schedules.double / total.double : 0
      var pairs: [(String, JSONValue)] = [
        ("type", "outcome"), ("outcome", .string(row.outcome.description)),
        ("balance", row.outcome.balance.map(JSONValue.int) ?? .null),
        ("correct", .bool(isCorrect(row.outcome))),
        ("schedules", Self.json(row.schedules)), ("share", .double(share)),
      ]
      if row.witness.isEmpty {
        pairs += [("witness", .null), ("preemptions", .null), ("command", .null)]
      } else {
        pairs += [
          ("witness", .string(ScheduleString.text(row.witness))),
          ("preemptions", .int(row.preemptions)), ("command", .string(command(row))),
        ]
      }
      switch row.replay {
      case .skipped: pairs.append(("replayed", .null))
      case .agreed: pairs.append(("replayed", .string(row.outcome.description)))
      case .disagreed(let real): pairs.append(("replayed", .string(real?.description ?? "stopped")))
      }
      if observed != nil {
        pairs += [("seeded", .int(row.seeded)), ("full_speed", .int(row.fullSpeed))]
      }
      if replayedAll { pairs.append(("replayed_all", .int(row.replayedAll))) }
      if let file = row.file { pairs.append(("file", .string(file))) }
      lines.append(JSONValue.object(pairs).text)
    }
    var summary: [(String, JSONValue)] = [
      ("type", "summary"), ("scenario", .string(scenario)),
      ("threads", .int(configuration.threads)), ("iterations", .int(configuration.iterations)),
      ("schedules", Self.json(total)),
      ("outcomes", .int(rows.filter { !$0.witness.isEmpty }.count)),
      ("states", .int(states)), ("seconds", .double(seconds)),
    ]
    if let observed { summary.append(("observed", .int(observed))) }
    // Whether real threads agreed with the count: null when none were run.
    let checked = replayedAll || observed != nil || rows.contains { $0.replay != .skipped }
    summary.append(("agree", checked ? .bool(problems.isEmpty) : .null))
    lines.append(JSONValue.object(summary).text)
    return lines
  }

  /// A count as a JSON number while every reader holds it exactly (up to
  /// 2^53), past that as a string of digits.
  static func json(_ count: ScheduleCount) -> JSONValue {
    if let small = count.uint64, small <= 1 << 53 { return .int(Int(small)) }
    return .string(count.description)
  }

  // MARK: - Pieces

  static func grouped(_ count: ScheduleCount) -> String {
    Format.grouped(digits: count.description)
  }

  /// `42.9%`; a share too small for one decimal is `<0.1%`, never `0.0%`.
  static func percent(_ share: Double) -> String {
    if share > 0, share < 0.05 { return "<0.1%" }
    return Duration.rounded(share, 1) + "%"
  }

  /// `1 thread`, `2 threads`.
  static func count(_ value: Int, _ noun: String) -> String {
    "\(value) \(noun)" + (value == 1 ? "" : "s")
  }

  static func pad(_ text: String, _ width: Int) -> String {
    text + String(repeating: " ", count: max(1, width - text.count))
  }

  static func padLeft(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(1, width - text.count)) + text
  }
}
