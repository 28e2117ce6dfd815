import Synchronization

/// A fixed number of atomic words, each on a cache line of its own (threads
/// that write different words do not slow each other down).
///
/// `@unchecked Sendable`: the words live at stable heap addresses for the
/// object's lifetime and are only touched through `Atomic`'s operations.
public final class AtomicWords: @unchecked Sendable {
  /// Words a cache line apart (64 bytes).
  private static let stride = 8
  private let words: UnsafeMutablePointer<Atomic<Int>>
  public let count: Int

  public init(count: Int, value: Int) {
    self.count = count
    words = .allocate(capacity: max(1, count * Self.stride))
    for index in 0..<max(1, count * Self.stride) { (words + index).initialize(to: Atomic(value)) }
  }

  deinit {
    words.deinitialize(count: max(1, count * Self.stride))
    words.deallocate()
  }

  /// Sequentially consistent, as every access of the threads' model is.
  public func load(_ index: Int) -> Int {
    words[index &* Self.stride].load(ordering: .sequentiallyConsistent)
  }

  public func store(_ index: Int, _ value: Int) {
    words[index &* Self.stride].store(value, ordering: .sequentiallyConsistent)
  }
}
