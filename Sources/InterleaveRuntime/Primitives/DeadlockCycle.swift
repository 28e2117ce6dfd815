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
    // What each thread on the way waits for, and who holds it, as read once:
    // the threads run on while this looks, so the walk below uses these
    // readings, and the cycle is read again at the end before it counts.
    var waits: [Int: Int] = [:]
    var held: [Int: [Int]] = [:]
    var queue = [start]
    waits[start] = -1
    while let thread = queue.popLast() {
      let primitive = waitingFor(thread)
      guard primitive >= 0 else { return nil }
      let holding = holders(primitive)
      guard !holding.isEmpty, !holding.contains(thread) else { return nil }
      waits[thread] = primitive
      held[primitive] = holding
      for holder in holding where waits[holder] == nil {
        waits[holder] = -1
        if waits.count > threads + 1 { return nil }
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
      guard let primitive = waits[thread], let next = held[primitive]?.first else { return nil }
      thread = next
    }
    let cycle = Array(order[position[thread]!...])
    // A real deadlock stays put: read the cycle again, or it was a moment
    // of threads passing through.
    for member in cycle {
      guard let primitive = waits[member], waitingFor(member) == primitive,
        holders(primitive) == held[primitive]
      else { return nil }
    }
    let links = cycle.indices.map { index in
      let previous = cycle[(index + cycle.count - 1) % cycle.count]
      return Link(thread: cycle[index], holds: waits[previous]!, waits: waits[cycle[index]]!)
    }
    return DeadlockCycle(links: links)
  }

  /// The cycle's threads, in order.
  public var threads: [Int] { links.map(\.thread) }
}
