/// Counts every schedule of a machine exactly, by outcome, without running
/// them one by one: it walks the states forward a step at a time, and
/// each state's number of schedules into it is the sum over the states it
/// is reached from, whatever came before (dynamic programming over the
/// abstract state). Only two steps' states are held at once.
///
/// For each outcome it also finds a witness: a schedule with the fewest
/// preemptions (switches away from a thread that could have gone on), and
/// among those the fewest switches of any kind.
public struct ScheduleExplorer {
  /// One outcome's share of the schedules, and the simplest way there.
  public struct Result: Sendable {
    public var outcome: Outcome
    public var schedules: ScheduleCount
    /// The thread (1-based) that takes each step of the witness.
    public var witness: [Int]
    public var preemptions: Int
  }

  /// Why exploring stopped.
  public struct TooLarge: Error, Sendable, CustomStringConvertible {
    /// The limit passed.
    public var states: Int
    /// How many steps into the schedules it was passed.
    public var step: Int
    /// Stopped on request, not by the limit.
    public var stopped = false
    /// Refused early: `states` is an estimate from the steps counted so
    /// far, not a count.
    public var estimated = false
    public var description: String {
      estimated
        ? "about \(states) states or more (estimated at step \(step)): too large to explore here"
        : "more than \(states) states by step \(step): too large to explore here"
    }
  }

  /// The most states explored before giving up.
  public static let stateLimit = 16_000_000

  public let machine: Machine
  /// States seen (a state reached after different numbers of steps counts
  /// once per number).
  public private(set) var states = 0
  private let limit: Int
  /// Bytes of parent links held in memory; the rest go to a file.
  var linkBudget = 512 << 20
  private let progress: (Int) -> Void
  private let shouldStop: () -> Bool

  /// - Parameters:
  ///   - progress: told the number of states so far, every 2^18.
  ///   - shouldStop: asked as often, and every 4,096 states of a step;
  ///     `true` ends the count with `TooLarge`
  ///     whose `stopped` is set (the learner closed the box).
  public init(
    _ machine: Machine, limit: Int = ScheduleExplorer.stateLimit,
    progress: @escaping (Int) -> Void = { _ in }, shouldStop: @escaping () -> Bool = { false }
  ) {
    self.machine = machine
    self.limit = limit
    self.progress = progress
    self.shouldStop = shouldStop
  }

  /// The states after some number of steps, with what is known of each.
  private struct Level {
    var states: StateTable
    /// Schedules into each state while they fit in 64 bits; `large` holds
    /// the exact count of a state whose count has outgrown that (its entry
    /// here is then unused), so the common case is machine arithmetic.
    let counts: PageBuffer<UInt64>
    var large: [Int: ScheduleCount] = [:]

    func count(_ i: Int) -> ScheduleCount { large[i] ?? ScheduleCount(counts[i]) }

    /// Adds `count` schedules into state `j`.
    mutating func add(_ j: Int, _ count: UInt64, orLarge big: ScheduleCount?) {
      if big == nil, large.isEmpty || large[j] == nil {
        let (sum, overflow) = counts[j].addingReportingOverflow(count)
        if !overflow {
          counts[j] = sum
          return
        }
      }
      large[j] = self.count(j) + (big ?? ScheduleCount(count))
    }
    /// Per state and arriving thread (the start: slot 0 or `last`): the
    /// simplest way there, as preemptions x 2^16 + switches (`Int32.max`
    /// when no schedule gets there).
    let fewest: PageBuffer<Int32>
    /// The same shape: the entry (in all levels' numbering) it came from.
    var parent: PageBuffer<Int32>

    /// Entries of `fewest` and `parent` a state: one per thread.
    let slots: Int

    /// Room for `capacity` states without growing.
    init(size: Int, capacity: Int, slots: Int) {
      self.slots = slots
      states = StateTable(size: size, capacity: capacity)
      counts = PageBuffer(capacity: capacity)
      fewest = PageBuffer(capacity: capacity * slots)
      parent = PageBuffer(capacity: capacity * slots)
    }

    /// Emptied for reuse, with room for `capacity` states; its parent
    /// links are new unless `spilled` (kept for walking witnesses back,
    /// in memory, or already in the links' file).
    mutating func reset(capacity: Int, slots: Int, spilled: Bool) {
      states.reset(capacity: capacity)
      large = [:]
      fewest.reset(count: 0)
      counts.reset(count: 0)
      if spilled {
        parent.reset(count: 0)
      } else {
        parent = PageBuffer(capacity: capacity * slots)
      }
    }
  }

  /// The best witness found so far for an outcome.
  private struct Best {
    var schedules = ScheduleCount.zero
    var preemptions = Int32.max
    /// The final entry of the witness, in all levels' numbering.
    var entry = -1
  }

  /// Every outcome reachable from `state` (the start by default), with how
  /// many schedules lead to it and a witness from there, in outcome order.
  /// - Parameter last: the thread (0-based) that took the step into
  ///   `state`, for counting the witness's first preemption.
  public mutating func explore(from state: MachineState? = nil, last: Int = -1)
    throws(TooLarge) -> [Result]
  {
    // One slot per thread a state was arrived at by. The start, when no
    // thread came before it, uses slot 0, and its first step switches nothing.
    let slots = machine.threads
    let size = machine.size
    var level = Level(size: size, capacity: 1, slots: slots)
    (state ?? machine.initial()).values.withUnsafeBufferPointer {
      _ = Self.add($0.baseAddress!, hash: StateTable.hash($0.baseAddress!, size: size), to: &level)
    }
    level.counts[0] = 1
    level.fewest[max(last, 0)] = 0
    // Every level's parent links, for walking a witness back: entry
    // `starts[k] + i * slots + slot` is state i of level k, arrived at by
    // `slot`, found at `links[k, i * slots + slot]`.
    let links = ParentLinks(budget: linkBudget)
    var best: [Outcome: Best] = [:]
    states = 0
    // Two states' work in flight: while state i's successors go into the
    // next level, state i + 1's are worked out and their buckets fetched.
    // The table is far larger than the cache, and its misses were most of
    // the time. The two states and their successors are in memory of
    // their own, read through pointers: as arrays (of arrays) they were
    // retained, released and checked for sharing at every step.
    let threads = machine.threads
    let scratch = ExplorerScratch(size: size, threads: threads)
    defer { scratch.deallocate() }
    // Every schedule's length, when no program loops (a floor otherwise).
    let depth = machine.steps
    var previous = 0
    // The level before last, whose memory the next one reuses, and
    // whether its links went to the file (so that memory is free too).
    var spare: Level?
    var spareSpilled = false
    while level.states.count > 0 {
      states += level.states.count
      guard states <= limit else { throw TooLarge(states: limit, step: links.count) }
      // While the levels still grow fast, the ones to come are about this
      // one's size (half of it on average, were they to shrink back at
      // once): refuse now, from that estimate, rather than after the work.
      // Counts that peak late make it overshoot by up to a tenth (every
      // scenario at 2x3 and 3x2, measured), so it refuses only past twice
      // the limit: a count that fits is never refused by the estimate.
      let step = links.count
      if step >= 8, level.states.count * 10 > previous * 11, depth > step {
        let estimate = states + level.states.count * (depth - step) / 2
        if estimate / 2 > limit { throw TooLarge(states: estimate, step: step, estimated: true) }
      }
      previous = level.states.count
      let spilled = links.append(level.parent)
      let start = links.starts[links.count - 1]
      let capacity = level.states.count * 2
      var next: Level
      if var reused = spare.take() {
        reused.reset(capacity: capacity, slots: slots, spilled: spareSpilled)
        next = reused
      } else {
        next = Level(size: size, capacity: capacity, slots: slots)
      }
      /// Loads state `i`, works out its successors and fetches their buckets.
      func prepare(_ i: Int) {
        let half = i & 1
        let current = scratch.current(half)
        level.states.load(i, into: current)
        scratch.ends[half] = !machine.runnable(current, into: scratch.runnable + half * threads)
        guard !scratch.ends[half] else { return }
        next.states.reserve(2 * threads)
        for thread in 0..<threads where scratch.runnable[half * threads + thread] {
          let k = half * threads + thread
          let successor = scratch.successor(k)
          for offset in 0..<size { successor[offset] = current[offset] }
          machine.step(successor, thread)
          scratch.hashes[k] = StateTable.hash(successor, size: size)
          next.states.prefetch(hash: scratch.hashes[k])
        }
      }
      if level.states.count > 0 { prepare(0) }
      for i in 0..<level.states.count {
        // Within a level too: one level can take seconds (a sanitizer build).
        if i & 4095 == 4095, shouldStop() {
          throw TooLarge(states: states, step: links.count, stopped: true)
        }
        if i + 1 < level.states.count { prepare(i + 1) }
        let half = i & 1
        if scratch.ends[half] {
          let values = Array(UnsafeBufferPointer(start: scratch.current(half), count: size))
          Self.end(
            machine.outcome(of: MachineState(values: values)), level: level, state: i,
            start: start, slots: slots, into: &best)
          continue
        }
        let runnable = scratch.runnable + half * threads
        for thread in 0..<threads where runnable[thread] {
          let k = half * threads + thread
          let j = Self.add(scratch.successor(k), hash: scratch.hashes[k], to: &next)
          next.add(j, level.counts[i], orLarge: level.large.isEmpty ? nil : level.large[i])
          for slot in 0..<slots {
            let known = level.fewest[i * slots + slot]
            guard known != .max else { continue }
            let switches = slot != thread && (last >= 0 || step > 0)
            let preempts = switches && runnable[slot]
            let total = Self.cost(known, preempts: preempts, switches: switches)
            let target = j * slots + thread
            if total < next.fewest[target] {
              next.fewest[target] = total
              next.parent[target] = Int32(start + i * slots + slot)
            }
          }
        }
      }
      if states >> 18 != (states - level.states.count) >> 18 {
        progress(states)
        if shouldStop() { throw TooLarge(states: states, step: links.count, stopped: true) }
      }
      spare = level
      spareSpilled = spilled
      level = next
    }
    return best.map { outcome, found in
      Result(
        outcome: outcome, schedules: found.schedules,
        witness: Self.walk(back: found.entry, links: links, slots: slots),
        preemptions: Int(found.preemptions >> 16))
    }.sorted { $0.outcome < $1.outcome }
  }

  /// The cost of a way there after one more step, each part saturating.
  private static func cost(_ known: Int32, preempts: Bool, switches: Bool) -> Int32 {
    var preemptions = known >> 16
    var count = known & 0xFFFF
    if preempts, preemptions < 0x7FFE { preemptions += 1 }
    if switches, count < 0xFFFF { count += 1 }
    return preemptions << 16 | count
  }

  /// The total of a set of results.
  public static func total(_ results: [Result]) -> ScheduleCount {
    results.reduce(ScheduleCount.zero) { $0 + $1.schedules }
  }

  /// The index of the state at `values` in `level`, added if new.
  private static func add(_ values: UnsafePointer<Int32>, hash: Int, to level: inout Level) -> Int {
    let index = level.states.insert(values, hash: hash)
    if index == level.counts.count {
      let slots = level.slots
      level.counts.append(0, count: 1)
      level.fewest.append(.max, count: slots)
      level.parent.append(-1, count: slots)
    }
    return index
  }

  /// Counts a final state's schedules to its outcome, and keeps its
  /// simplest arrival if it beats the outcome's witness so far.
  private static func end(
    _ outcome: Outcome, level: Level, state i: Int, start: Int, slots: Int,
    into best: inout [Outcome: Best]
  ) {
    var found = best[outcome] ?? Best()
    found.schedules += level.count(i)
    for slot in 0..<slots where level.fewest[i * slots + slot] <= found.preemptions {
      found.preemptions = level.fewest[i * slots + slot]
      found.entry = start + i * slots + slot
    }
    best[outcome] = found
  }

  /// The threads (1-based) of the steps that led to `entry`, first first.
  private static func walk(
    back entry: Int, links: ParentLinks, slots: Int
  ) -> [Int] {
    let starts = links.starts
    var order: [Int] = []
    var entry = entry
    var level = starts.count - 1
    while level > 0 {
      while starts[level] > entry { level -= 1 }
      guard level > 0 else { break }
      order.append((entry - starts[level]) % slots + 1)
      entry = Int(links[level, entry - starts[level]])
      level -= 1
    }
    return order.reversed()
  }
}
