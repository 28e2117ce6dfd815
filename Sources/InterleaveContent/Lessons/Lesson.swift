import InterleaveRuntime
import InterleaveText

/// A scripted lesson: a title and steps that set up runs, show captions,
/// press keys and wait.
public struct Lesson: Equatable, Sendable {
  public var name: String
  /// Whether its steps run programs (`program = "..."`) rather than
  /// scenarios.
  public var runsPrograms: Bool { steps.first?.program != nil }
  /// The file it was read from (`lessons/02-race.toml` for a built-in one).
  public var file: String
  public var title: LocalizedText
  public var steps: [LessonStep]
}

/// Text in English and Chinese; Chinese falls back to English.
public struct LocalizedText: Equatable, Sendable {
  public var en: String
  public var zh: String?

  public init(en: String, zh: String? = nil) {
    self.en = en
    self.zh = zh
  }

  public func text(_ language: Language) -> String { language == .zh ? (zh ?? en) : en }
}

/// One step of a lesson. Settings that are nil keep their current value.
///
/// A step lasts until its wait is over, and at least as long as its
/// caption's reading time (`ReadingTime`); a step that waits for the run
/// to finish shows the result a further `resultHold` before moving on.
public struct LessonStep: Equatable, Sendable {
  public var scenario: Scenario?
  /// A program lesson's step: the program it runs from its start (as
  /// written: relative to the lesson file), and the thread slots of the
  /// steps it takes, one a step, at `rate` steps a second.
  public var program: String?
  public var schedule: [Int]?
  public var rate: Int?
  /// A challenge the learner plays (a built-in name or a .toml path): the
  /// step runs its program and lasts until it is won or skipped.
  public var challenge: String?
  /// The scenario's options this step changes (`variant`, `permits`, ...).
  public var options = ScenarioOptionChanges()
  public var threads: Int?
  public var iterations: Int?
  public var speed: Speed?
  public var seed: UInt64?
  public var theme: String?
  public var caption: LocalizedText?
  /// A key pressed as if by the user (`space`, `n`, `+`, `-`, `r`, `t`, `?`, `tab`, `1`-`6`...).
  public var key: String?
  public var wait: LessonWait = .none
  /// How long an event wait may take before the lesson moves on anyway (ns).
  public var timeout: UInt64 = 60_000_000_000
  /// What must be true when the wait ends.
  public var expect: [LessonClaim] = []
  /// Pauses the run the moment the wait ends, so the screen holds what the
  /// caption talks about while it is read.
  public var pause = false
  /// Runs the step's run again, at most this many times, while a claim does
  /// not hold (for claims that depend on how the threads happened to overlap).
  public var retry = 0
  /// The line of its `[[steps]]` header, for messages.
  public var line: Int = 0

  /// How long a finished run's result stays up before the next step.
  public static let resultHold: UInt64 = 3_000_000_000
  /// The longest caption a step may have, in characters.
  public static let captionLimit = 2_000

  /// Whether the step changes what runs (so the run restarts).
  public var restartsRun: Bool {
    scenario != nil || threads != nil || iterations != nil || seed != nil || !options.isEmpty
  }
}

/// What a step waits for before the next one.
public enum LessonWait: Equatable, Sendable {
  case none
  /// A duration in nanoseconds.
  case duration(UInt64)
  /// The run has ended.
  case finished
  /// The first lost update of the run.
  case lostUpdate
  /// A deadlock was found.
  case deadlock
  /// The workers have taken this many steps in all.
  case steps(Int)
  /// A claim holds (`waiting`, `contended`, `drift != 0`, `visible: ...`).
  case claim(LessonClaim)

  /// Parses `2s`, `500ms`, `finished`, `lost-update`, `deadlock`, `step 40`,
  /// or any claim (`waiting`, `contended`, ...).
  public init?(parsing text: String) {
    let lowered = text.lowercased()
    switch lowered {
    case "none", "": self = .none
    case "finished": self = .finished
    case "lost-update", "first-lost-update": self = .lostUpdate
    case "deadlock": self = .deadlock
    default:
      if lowered.hasPrefix("step "), let count = Int(lowered.dropFirst(5)), count > 0 {
        self = .steps(count)
      } else if let duration = LessonWait.duration(lowered) {
        self = .duration(duration)
      } else if let claim = LessonClaim(parsing: text) {
        self = .claim(claim)
      } else {
        return nil
      }
    }
  }

  /// Whether it waits for a count of steps.
  public var isSteps: Bool {
    if case .steps = self { return true }
    return false
  }

  /// `1.5s` or `300ms` in nanoseconds (at most an hour).
  static func duration(_ text: String) -> UInt64? {
    let (number, scale): (Substring, Double) =
      text.hasSuffix("ms")
      ? (text.dropLast(2), 1e6) : text.hasSuffix("s") ? (text.dropLast(1), 1e9) : ("", 0)
    guard scale > 0, let value = Double(number.trimmingCharacters(in: " ")), value >= 0,
      value * scale <= 3.6e12
    else { return nil }
    return UInt64(value * scale)
  }
}

extension Substring {
  fileprivate func trimmingCharacters(in set: Character) -> String {
    String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
  }
}
