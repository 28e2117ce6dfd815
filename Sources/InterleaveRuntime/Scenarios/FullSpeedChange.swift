/// `change_it(n)` at full speed as the fewest instructions: each write is
/// the word just read with its value moved by `n` and its writer replaced,
/// `(word | writerMask) &+ constant`, one instruction more than C's `+ n`.
struct FullSpeedChange {
  let balance: SharedBalance
  /// Added to a word whose writer bits are all set: `+n`, writer = this thread.
  let up: Int
  /// The same for `-n`.
  let down: Int

  init(_ balance: SharedBalance, _ n: Int, writer: Int) {
    self.balance = balance
    up = (n << SharedBalance.writerBits) &+ writer &- SharedBalance.writerMask
    down = (-n << SharedBalance.writerBits) &+ writer &- SharedBalance.writerMask
  }

  /// `balance += n; balance -= n`: two reads and two writes, no step point.
  @inline(__always)
  func callAsFunction() {
    balance.word.store(Self.next(balance.word.load(ordering: .relaxed), up), ordering: .relaxed)
    balance.word.store(Self.next(balance.word.load(ordering: .relaxed), down), ordering: .relaxed)
  }

  /// The word to write after reading `word`: `up` or `down` applied.
  @inline(__always)
  static func next(_ word: Int, _ change: Int) -> Int {
    (word | SharedBalance.writerMask) &+ change
  }
}
