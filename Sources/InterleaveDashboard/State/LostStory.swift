import InterleaveRuntime

/// A lost update as a teacher draws it: who read what, who wrote what, and
/// whose write vanished.
public struct LostStory: Equatable, Sendable {
  /// The thread whose write wiped out the other's.
  public var writer: Int
  /// The value it had read before.
  public var read: Int
  /// The thread whose update was lost.
  public var victim: Int
  /// What the victim wrote, between the writer's read and write.
  public var overwritten: Int
  /// What the writer wrote over it.
  public var written: Int
  /// The step numbers under a scheduler: the writer's write and the victim's.
  public var step: Int?
  public var victimStep: Int?

  /// The victim's own change, wiped out (`-5` for `balance -= 5`).
  public var amount: Int

  public init(writer: Int, _ lost: LostUpdate) {
    self.writer = writer
    read = lost.readValue
    victim = lost.victim
    overwritten = lost.overwritten
    written = lost.written
    step = lost.step
    victimStep = lost.victimStep
    amount = lost.victimChange ?? lost.amount
  }
}
