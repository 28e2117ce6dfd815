import ArgumentParser
import Glibc
import InterleavePlatform
import InterleaveProgram
import InterleaveText

/// `interleave explore FILE.py`: every schedule of a program counted, by
/// the globals' final values, with the simplest schedule to each.
struct ProgramExploreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explore",
    abstract: "Count every schedule of a program's steps, by outcome.",
    discussion: """
      A step is one read or one write of a global that holds data, one lock, \
      condition or semaphore operation, one print or one sleep; the rest of the \
      code runs between them. Outcomes are the globals' final values, a \
      deadlock (threads wait for locks), a hang (threads wait on a condition \
      nobody will notify), or the errors threads raised. Thread 0 is the main thread, the \
      others are numbered in the order they start.
      """)

  @Argument(help: ArgumentHelp("The program.", valueName: "FILE.py"))
  var file: String

  @Option(name: .long, help: "The most states to explore before giving up.")
  var maxStates = 2_000_000

  @Option(name: .long, help: "The output's format.")
  var format: OutputFormat = .text

  func validate() throws {
    guard (1...100_000_000).contains(maxStates) else {
      throw ValidationError("--max-states must be between 1 and 100000000 (got \(maxStates))")
    }
  }

  func run() throws {
    let program = try ProgramFile.load(file)
    var explorer = ProgramExplorer(ProgramModel(program), limit: maxStates)
    let start = MonotonicClock.now()
    let results: [ProgramExplorer.Result]
    do {
      results = try explorer.explore()
    } catch {
      InterleaveMain.notice("error: \(file): \(error)")
      throw ExitCode(1)
    }
    let elapsed = MonotonicClock.now() - start
    let total = results.reduce(UInt64?(0)) { ProgramExplorer.add($0, $1.schedules) }
    let sink = OutputSink()
    let names = explorer.names
    if format == .jsonl {
      for result in results {
        sink.line(
          JSONValue.object([
            ("outcome", .string(result.outcome.text)),
            ("schedules", Self.count(result.schedules)),
            // Stuck waiting for locks, or (a hang) on a condition nobody
            // will notify.
            ("deadlock", .bool(result.outcome.deadlock && !result.outcome.hang)),
            ("hang", .bool(result.outcome.hang)),
            ("errors", .array(result.outcome.errors.map { .string($0) })),
            ("preemptions", .int(result.preemptions)),
            ("schedule", .string(Self.schedule(result.witness))),
          ]).text)
      }
      sink.line(
        JSONValue.object([
          ("type", "summary"), ("program", .string(file)),
          ("schedules", Self.count(total)),
          ("outcomes", .int(results.count)), ("states", .int(explorer.states)),
          ("threads", .array(names.map { .string($0) })),
        ]).text)
    } else {
      sink.line(
        "\(file): \(total.map { Format.grouped(Int(clamping: $0)) } ?? "more than 2^64") schedules, "
          + "\(results.count) outcome\(results.count == 1 ? "" : "s") "
          + "(\(Format.grouped(explorer.states)) states counted in \(Format.elapsed(elapsed)))")
      sink.line(
        "threads: "
          + names.enumerated().map { "\($0.offset) \($0.element)" }.joined(separator: ", "))
      // What every outcome shares, once; the table shows what differs.
      let common = ProgramOutcome.common(results.map(\.outcome))
      if let first = results.first, !common.isEmpty {
        sink.line(
          "in every outcome: "
            + first.outcome.globals.filter(common.contains).joined(separator: ", "))
      }
      func text(_ outcome: ProgramOutcome) -> String { outcome.text(omitting: common) }
      sink.line("")
      let width = max(7, results.map { TextWidth.of(text($0.outcome)) }.max() ?? 0)
      sink.line(Self.pad("outcome", width) + "   schedules   share  preempt  simplest schedule")
      for result in results {
        let count = result.schedules.map { Format.grouped(Int(clamping: $0)) } ?? "> 2^64"
        var share = "     "
        if let schedules = result.schedules, let total, total > 0 {
          share = Format.percent(Double(schedules) / Double(total))
          share = String(repeating: " ", count: max(0, 6 - share.count)) + share
        }
        let preemptions = String(result.preemptions)
        var line = Self.pad(text(result.outcome), width) + "  "
        line += String(repeating: " ", count: max(0, 10 - count.count)) + count + "  "
        line += share + "  "
        line += String(repeating: " ", count: max(0, 7 - preemptions.count)) + preemptions
        sink.line(line + "  " + Self.schedule(result.witness))
      }
      if results.count > 1 {
        sink.line(
          "(a share is of the schedules, each counted once: not how often a real run ends so)")
      }
      // How to see one happen on the real threads: the rarest, and of
      // outcomes as rare, one that deadlocks or raises (the one to show).
      func rank(_ result: ProgramExplorer.Result) -> (UInt64, Int) {
        let outcome = result.outcome
        return (result.schedules ?? .max, outcome.deadlock || !outcome.errors.isEmpty ? 0 : 1)
      }
      if let rarest = results.min(by: { rank($0) < rank($1) }) {
        sink.line("")
        let which = results.count == 1 ? "it" : "the rarest, \(text(rarest.outcome)),"
        sink.line(
          "to see \(which) on the real threads: interleave run "
            + "\(Self.quoted(file)) --plain --schedule '\(Self.schedule(rarest.witness))'")
      }
    }
    sink.flush()
  }

  /// A count in JSON: a number while a double holds it exactly (below
  /// 2^53), a string of digits above, null past 2^64.
  static func count(_ value: UInt64?) -> JSONValue {
    guard let value else { return .null }
    return value < 1 << 53 ? .int(Int(value)) : .string(String(value))
  }

  /// `path` as a shell reads it back (single quotes when it needs any).
  static func quoted(_ path: String) -> String {
    let plain = path.allSatisfy { $0.isLetter || $0.isNumber || "/._-+,:@".contains($0) }
    return plain
      ? path
      : "'"
        + path.split(separator: "'", omittingEmptySubsequences: false)
        .joined(separator: "'\\''") + "'"
  }

  /// `text` and spaces up to `width` cells.
  static func pad(_ text: String, _ width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - TextWidth.of(text)))
  }

  /// `0x5 1x3 2`: each thread with how many steps in a row.
  static func schedule(_ witness: [Int]) -> String {
    var parts: [String] = []
    var index = 0
    while index < witness.count {
      var run = 1
      while index + run < witness.count && witness[index + run] == witness[index] { run += 1 }
      parts.append(run == 1 ? "\(witness[index])" : "\(witness[index])x\(run)")
      index += run
    }
    return parts.joined(separator: " ")
  }
}
