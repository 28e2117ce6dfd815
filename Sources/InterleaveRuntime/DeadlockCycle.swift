/// A wait-for cycle: each thread holds a lock the previous one waits for.
public struct DeadlockCycle: Sendable, Equatable, Codable {
  /// One thread in the cycle.
  public struct Link: Sendable, Equatable, Codable {
    public var thread: Int
    /// The lock it holds (the previous link waits for it).
    public var holds: Int
    /// The lock it waits for (the next link holds it).
    public var waits: Int

    public init(thread: Int, holds: Int, waits: Int) {
      self.thread = thread
      self.holds = holds
      self.waits = waits
    }
  }

  public var links: [Link]

  public init(links: [Link]) { self.links = links }

  /// Follows "waits for lock L, which thread T owns" from `start`.
  ///
  /// - Returns: the cycle through `start`, or nil when the chain ends or loops
  ///   without coming back to `start` (another thread will report that loop).
  public static func find(
    from start: Int, waitingFor: (Int) -> Int, owner: (Int) -> Int, threads: Int = 256
  ) -> DeadlockCycle? {
    // Walk without allocating: a chain longer than the thread count loops
    // somewhere that does not include `start`.
    var thread = start
    var length = 0
    repeat {
      let lock = waitingFor(thread)
      guard lock >= 0 else { return nil }
      let holder = owner(lock)
      guard holder >= 0, holder != thread else { return nil }
      length += 1
      thread = holder
      if length > threads { return nil }
    } while thread != start
    // Walk the cycle again to record it.
    var waits: [(thread: Int, lock: Int)] = []
    repeat {
      let lock = waitingFor(thread)
      waits.append((thread, lock))
      thread = owner(lock)
    } while thread != start && waits.count < length && thread >= 0
    guard thread == start else { return nil }
    let links = waits.indices.map { index in
      let previous = waits[(index + waits.count - 1) % waits.count]
      return Link(thread: waits[index].thread, holds: previous.lock, waits: waits[index].lock)
    }
    return DeadlockCycle(links: links)
  }

  /// `Thread-1 holds A, waits B -> Thread-2 holds B, waits A`.
  public func describe(threadName: (Int) -> String, lockName: (Int) -> String) -> String {
    links.map {
      "\(threadName($0.thread)) holds \(lockName($0.holds)), waits \(lockName($0.waits))"
    }.joined(separator: " -> ")
  }
}
