/// What the explorer finds about a challenge: whether any schedule reaches
/// its goal, the fewest preemptions that do, and how many schedules reach
/// it out of how many.
public struct ChallengeProof: Sendable {
  /// Schedules that reach the goal (nil: more than 2^64).
  public var winning: UInt64?
  /// Every schedule of the program (nil: more than 2^64).
  public var total: UInt64?
  /// The fewest preemptions a winning schedule takes (nil: unreachable).
  public var fewest: Int?
  /// A winning schedule with the fewest preemptions, by thread slot.
  public var witness: [Int]
  public var states: Int

  public var isReachable: Bool { fewest != nil }

  /// Explores every schedule of the program, marking those that reach the goal.
  public static func prove(_ model: ProgramModel, goal: ChallengeGoal, limit: Int = 2_000_000)
    throws(ProgramExplorer.TooLarge) -> ChallengeProof
  {
    var explorer = ProgramExplorer(model, limit: limit) { goal.isReached(in: $0, of: model) }
    let results = try explorer.explore()
    var proof = ChallengeProof(winning: 0, total: 0, fewest: nil, witness: [], states: 0)
    for result in results {
      proof.total = ProgramExplorer.add(proof.total, result.schedules)
      guard result.outcome.marked else { continue }
      proof.winning = ProgramExplorer.add(proof.winning, result.schedules)
      if proof.fewest.map({ result.preemptions < $0 }) ?? true {
        proof.fewest = result.preemptions
        proof.witness = result.witness
      }
    }
    proof.states = explorer.states
    return proof
  }
}

extension ProgramModel {
  /// The state after `schedule` (steps a thread could not take are skipped).
  public func state(following schedule: [Int]) -> ModelState {
    var state = initial()
    for slot in schedule where runnable(state).contains(slot) { state = step(state, slot) }
    return state
  }

  /// The preemptions in a schedule: steps given to another thread while
  /// the one before could still have gone on.
  public func preemptions(in schedule: [Int]) -> Int {
    var state = initial()
    var count = 0
    var last: Int?
    for slot in schedule {
      let runnable = runnable(state)
      guard runnable.contains(slot) else { continue }
      if let last, last != slot, runnable.contains(last) { count += 1 }
      state = step(state, slot)
      last = slot
    }
    return count
  }

  /// The steps of `schedule` after which `goal` is reached or decided
  /// (nil: never along it).
  public func steps(toReach goal: ChallengeGoal, following schedule: [Int]) -> Int? {
    var state = initial()
    if goal.isDecided(in: state, of: self) { return 0 }
    for (index, slot) in schedule.enumerated() where runnable(state).contains(slot) {
      state = step(state, slot)
      if goal.isDecided(in: state, of: self) { return index + 1 }
    }
    return nil
  }
}
