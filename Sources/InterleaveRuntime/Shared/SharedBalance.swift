import Synchronization

/// The seed's global `balance`, shared by every worker.
///
/// One atomic word holds the value and, in its low bits, the index of the
/// thread that wrote it last, so that a write can tell exactly whose write it
/// overwrites. `+=` is a relaxed load then a relaxed store: updates are really
/// lost, with no undefined behaviour.
public final class SharedBalance: Sendable {
  static let writerBits = 9
  static let writerMask = (1 << writerBits) - 1

  private let leadingPad = PaddingLine()
  let word = Atomic<Int>(0)
  /// The word is written all the time: nothing else may share its cache line.
  private let trailingPad = PaddingLine()

  public init() {}

  /// The current value.
  public var value: Int { SharedBalance.value(of: word.load(ordering: .relaxed)) }

  /// `balance += amount` as one atomic add, with no step point.
  @inline(__always)
  func addAtFullSpeed(_ amount: Int) {
    word.wrappingAdd(amount << SharedBalance.writerBits, ordering: .relaxed)
  }

  static func value(of word: Int) -> Int { word >> writerBits }
  static func writer(of word: Int) -> Int { word & writerMask }
  static func word(value: Int, writer: Int) -> Int { value << writerBits | writer }
}
