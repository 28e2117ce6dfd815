/// A challenge: a program and a goal the learner reaches by choosing which
/// thread takes each step (the learner is the scheduler).
public struct Challenge: Equatable, Sendable {
  /// `overdraw` for a built-in one, else the file's name without `.toml`.
  public var name: String
  /// The TOML file it was read from (built-in: `challenges/NAME.toml`).
  public var file: String
  public var title: LocalizedText
  /// What to bring about, as a story (`Make the bank pay out more than it holds.`).
  public var story: LocalizedText
  /// The chapter it belongs to (`Lost updates`); nil: none.
  public var chapter: LocalizedText?
  /// The program's path as written, relative to the TOML file.
  public var program: String
  /// `critical-section`, `deadlock`, `error` or `final: EXPR`.
  public var goal: String
  /// Where `goal` is in the file, for a goal the program cannot use.
  public var goalLine: Int
  public var hints: [LocalizedText]
  /// The most steps allowed (nil: no limit).
  public var budget: Int?
  /// Whether the explorer is expected to prove the goal unreachable (a
  /// fixed version: "no schedule deadlocks it").
  public var unreachable: Bool
}
