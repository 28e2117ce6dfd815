/// A wait-for cycle: each thread holds a primitive the previous one waits for.
public struct DeadlockCycle: Sendable, Equatable {
  /// One thread in the cycle.
  public struct Link: Sendable, Equatable {
    public var thread: Int
    /// The primitive it holds (the previous link waits for it).
    public var holds: Int
    /// The primitive it waits for (the next link holds it).
    public var waits: Int

    public init(thread: Int, holds: Int, waits: Int) {
      self.thread = thread
      self.holds = holds
      self.waits = waits
    }
  }

  public var links: [Link]

  public init(links: [Link]) { self.links = links }

  /// Looks for a deadlock that `start` is caught in, over any primitives.
  ///
  /// The threads `start` waits on, directly or not (the holders of what it
  /// waits for, their holders' ...), are deadlocked when every one of them
  /// waits too and what each waits for has holders: nobody among them can
  /// ever let another through. The cycle among them is returned.
  ///
  /// - Parameters:
  ///   - waitingFor: the primitive a thread waits for, or -1.
  ///   - holders: the threads that hold a primitive.
  /// - Returns: nil when some thread on the way can still move.
  public static func find(
    from start: Int, waitingFor: (Int) -> Int, holders: (Int) -> [Int], threads: Int = 256
  ) -> DeadlockCycle? {
    var seen: Set<Int> = [start]
    var queue = [start]
    while let thread = queue.popLast() {
      let primitive = waitingFor(thread)
      guard primitive >= 0 else { return nil }
      let holding = holders(primitive)
      guard !holding.isEmpty, !holding.contains(thread) else { return nil }
      for holder in holding where !seen.contains(holder) {
        seen.insert(holder)
        if seen.count > threads + 1 { return nil }
        queue.append(holder)
      }
    }
    // Everyone reachable waits: walk first holders from `start` to a repeat.
    var order: [Int] = []
    var position: [Int: Int] = [:]
    var thread = start
    while position[thread] == nil {
      position[thread] = order.count
      order.append(thread)
      thread = holders(waitingFor(thread))[0]
    }
    let cycle = Array(order[position[thread]!...])
    let links = cycle.indices.map { index in
      let previous = cycle[(index + cycle.count - 1) % cycle.count]
      return Link(
        thread: cycle[index], holds: waitingFor(previous), waits: waitingFor(cycle[index]))
    }
    return DeadlockCycle(links: links)
  }

  /// The cycle's threads, in order.
  public var threads: [Int] { links.map(\.thread) }
}
