/// Counts every schedule of a program exactly, by outcome, with the states
/// between steps merged (dynamic programming over `ModelState`), and finds
/// for each outcome a schedule with the fewest preemptions.
public struct ProgramExplorer {
  public struct Result: Sendable {
    public var outcome: ProgramOutcome
    /// Schedules that end so (nil: more than 2^64).
    public var schedules: UInt64?
    /// The thread slot (0 = main) of each step of the simplest schedule.
    public var witness: [Int]
    public var preemptions: Int
  }

  /// Why exploring stopped, or would not start.
  public struct TooLarge: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
      /// More states were seen than the limit.
      case states
      /// The states still to come, at the rate the levels grow, would pass
      /// the limit: decided early, from an estimate.
      case estimate(Int)
      /// Some schedule is still going after this many steps (a loop that
      /// waits for another thread can go round without end).
      case steps
    }
    public var reason: Reason
    /// The limit passed: states, or steps for `.steps`.
    public var limit: Int
    /// The step (schedule length) reached.
    public var step: Int
    /// The steps of one schedule (the first thread that can always goes),
    /// if it ends within the step limit.
    public var depth: Int?

    public var description: String {
      switch reason {
      case .states:
        return "more than \(Self.grouped(limit)) states by step \(step): too large to explore "
          + "here; make its loops shorter (range(2)) or raise --max-states"
      case .estimate(let states):
        return "about \(Self.grouped(states)) states or more (\(Self.grouped(depth ?? 0)) steps "
          + "a schedule; the limit is \(Self.grouped(limit))): too large to explore here; make "
          + "its loops shorter (range(2)) or raise --max-states"
      case .steps:
        return "a schedule runs past \(Self.grouped(limit)) steps: a loop that waits for "
          + "another thread (while not flag: pass) goes round without end while that thread "
          + "waits for its turn; explore a version whose loops end on their own"
      }
    }

    /// 1234567 as 1,234,567.
    static func grouped(_ number: Int) -> String {
      let digits = Array(String(number))
      return String(
        digits.enumerated().flatMap { index, digit in
          index > 0 && (digits.count - index) % 3 == 0 ? [",", digit] : [digit]
        })
    }
  }

  public let model: ProgramModel
  /// States seen, over all steps.
  public private(set) var states = 0
  /// Thread names by slot, from the longest run seen.
  public private(set) var names: [String] = []
  private let limit: Int
  private let stepLimit: Int
  /// States to mark: a run that passes one ends in an outcome marked so.
  private let mark: ((ModelState) -> Bool)?

  public init(
    _ model: ProgramModel, limit: Int = 2_000_000, stepLimit: Int = 20_000,
    mark: ((ModelState) -> Bool)? = nil
  ) {
    self.model = model
    self.limit = limit
    self.stepLimit = stepLimit
    self.mark = mark
  }

  /// The steps of one schedule from `start` (the lowest thread that can
  /// goes each time), nil when it runs past the step limit.
  public func depth(from start: ModelState) -> Int? { lowestFirst(from: start)?.count }

  /// That schedule itself, by slot; nil when it runs past the step limit.
  public func lowestFirst(from start: ModelState) -> [Int]? {
    var state = start
    var schedule: [Int] = []
    while schedule.count <= stepLimit {
      guard let slot = model.runnable(state).first else { return schedule }
      schedule.append(slot)
      state = model.step(state, slot)
    }
    return nil
  }

  /// The simplest way into a state, having arrived by thread `last`.
  private struct Way {
    var cost: Int
    /// The way before it (index into `ways`), -1 at the start.
    var parent: Int
    var slot: Int
  }

  public mutating func explore() throws(TooLarge) -> [Result] {
    try explore(from: model.initial())
  }

  /// Every schedule from `start` on (a run part-way through).
  public mutating func explore(from start: ModelState) throws(TooLarge) -> [Result] {
    var level = [marking(start)]
    var index: [ModelState: Int] = [level[0]: 0]
    var counts: [UInt64?] = [1]
    var ways: [Way] = [Way(cost: 0, parent: -1, slot: -1)]
    /// Per state of the level: its ways by arriving slot.
    var arrivals: [[Int: Int]] = [[-1: 0]]
    var finals: [ProgramOutcome: (count: UInt64?, way: Int)] = [:]
    var step = 0
    states = 0
    let depth = depth(from: start)
    var previous = 0
    while !level.isEmpty {
      states += level.count
      guard states <= limit else {
        throw TooLarge(reason: .states, limit: limit, step: step, depth: depth)
      }
      guard step <= stepLimit else {
        throw TooLarge(reason: .steps, limit: stepLimit, step: step, depth: depth)
      }
      // While the levels still grow, the ones to come are about this one's
      // size or more (down to half of it, on average, when they shrink back
      // as fast as they grew): refuse now, from that estimate, rather than
      // after the work.
      if let depth, step >= 8, level.count > previous {
        let estimate = states + level.count * (depth - step) / 2
        if estimate > limit {
          throw TooLarge(reason: .estimate(estimate), limit: limit, step: step, depth: depth)
        }
      }
      previous = level.count
      var nextLevel: [ModelState] = []
      var nextIndex: [ModelState: Int] = [:]
      var nextCounts: [UInt64?] = []
      var nextArrivals: [[Int: Int]] = []
      for (i, state) in level.enumerated() {
        let runnable = model.runnable(state)
        if runnable.isEmpty {
          let outcome = model.outcome(state)
          if model.names(state).count > names.count { names = model.names(state) }
          // Ties go to the lowest thread, so a witness is the same every run.
          let best = arrivals[i].sorted { $0.key < $1.key }.map(\.value)
            .min { ways[$0].cost < ways[$1].cost }!
          var final = finals[outcome] ?? (count: 0, way: best)
          final.count = Self.add(final.count, counts[i])
          if ways[best].cost < ways[final.way].cost { final.way = best }
          finals[outcome] = final
          continue
        }
        for slot in runnable {
          let next = marking(model.step(state, slot))
          let j: Int
          if let found = nextIndex[next] {
            j = found
          } else {
            j = nextLevel.count
            nextIndex[next] = j
            nextLevel.append(next)
            nextCounts.append(0)
            nextArrivals.append([:])
          }
          nextCounts[j] = Self.add(nextCounts[j], counts[i])
          for (last, way) in arrivals[i].sorted(by: { $0.key < $1.key }) {
            let switches = last >= 0 && last != slot
            let preempts = switches && runnable.contains(last)
            let cost = ways[way].cost + (preempts ? 1 << 20 : 0) + (switches ? 1 : 0)
            if let known = nextArrivals[j][slot], ways[known].cost <= cost { continue }
            ways.append(Way(cost: cost, parent: way, slot: slot))
            nextArrivals[j][slot] = ways.count - 1
          }
        }
      }
      level = nextLevel
      index = nextIndex
      counts = nextCounts
      arrivals = nextArrivals
      step += 1
    }
    _ = index
    return finals.sorted { $0.key < $1.key }.map { outcome, final in
      var witness: [Int] = []
      var way = final.way
      while way >= 0, ways[way].slot >= 0 {
        witness.append(ways[way].slot)
        way = ways[way].parent
      }
      return Result(
        outcome: outcome, schedules: final.count, witness: witness.reversed(),
        preemptions: ways[final.way].cost >> 20)
    }
  }

  private func marking(_ state: ModelState) -> ModelState {
    guard let mark, !state.marked, mark(state) else { return state }
    var marked = state
    marked.marked = true
    return marked
  }

  /// Two schedule counts added (nil: more than 2^64, or one of them was).
  public static func add(_ a: UInt64?, _ b: UInt64?) -> UInt64? {
    guard let a, let b else { return nil }
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? nil : sum
  }
}
