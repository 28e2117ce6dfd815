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

  /// Why exploring stopped.
  public struct TooLarge: Error, Sendable, CustomStringConvertible {
    public var states: Int
    public var step: Int
    public var description: String {
      "more than \(states) states by step \(step): too large to explore here"
    }
  }

  public let model: ProgramModel
  /// States seen, over all steps.
  public private(set) var states = 0
  /// Thread names by slot, from the longest run seen.
  public private(set) var names: [String] = []
  private let limit: Int

  public init(_ model: ProgramModel, limit: Int = 2_000_000) {
    self.model = model
    self.limit = limit
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
    var level = [start]
    var index: [ModelState: Int] = [level[0]: 0]
    var counts: [UInt64?] = [1]
    var ways: [Way] = [Way(cost: 0, parent: -1, slot: -1)]
    /// Per state of the level: its ways by arriving slot.
    var arrivals: [[Int: Int]] = [[-1: 0]]
    var finals: [ProgramOutcome: (count: UInt64?, way: Int)] = [:]
    var step = 0
    states = 0
    while !level.isEmpty {
      states += level.count
      guard states <= limit else { throw TooLarge(states: limit, step: step) }
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
          let next = model.step(state, slot)
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

  private static func add(_ a: UInt64?, _ b: UInt64?) -> UInt64? {
    guard let a, let b else { return nil }
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? nil : sum
  }
}
