/// The explorer's working memory for the states in flight and their
/// successors, allocated once and read through pointers (see
/// `ScheduleExplorer.explore`). Freed by `deallocate`.
struct ExplorerScratch {
  /// States in flight: one being added to the next level while the next
  /// one's successors are worked out.
  static let inFlight = 2
  let size: Int
  let threads: Int
  private let states: UnsafeMutablePointer<Int32>
  /// Per successor (place x threads + thread): its hash.
  let hashes: UnsafeMutablePointer<Int>
  /// Per state in flight and thread: whether it may take a step.
  let runnable: UnsafeMutablePointer<Bool>
  /// Per state in flight: whether no thread can move (it is final).
  let ends: UnsafeMutablePointer<Bool>

  init(size: Int, threads: Int) {
    self.size = size
    self.threads = threads
    states = .allocate(capacity: (Self.inFlight * (1 + threads)) * size)
    states.initialize(repeating: 0, count: (Self.inFlight * (1 + threads)) * size)
    hashes = .allocate(capacity: Self.inFlight * threads)
    hashes.initialize(repeating: 0, count: Self.inFlight * threads)
    runnable = .allocate(capacity: Self.inFlight * threads)
    runnable.initialize(repeating: false, count: Self.inFlight * threads)
    ends = .allocate(capacity: Self.inFlight)
    ends.initialize(repeating: false, count: Self.inFlight)
  }

  /// The state in flight at `place` (below `inFlight`).
  func current(_ place: Int) -> UnsafeMutablePointer<Int32> { states + place * size }

  /// Successor `k` (place x threads + thread).
  func successor(_ k: Int) -> UnsafeMutablePointer<Int32> {
    states + (Self.inFlight + k) * size
  }

  func deallocate() {
    states.deallocate()
    hashes.deallocate()
    runnable.deallocate()
    ends.deallocate()
  }
}
