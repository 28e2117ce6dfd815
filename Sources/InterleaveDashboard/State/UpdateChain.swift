/// Which traced writes of the balance are still in it. Each write builds
/// on the write its thread last read; the balance holds the changes along
/// the chain from the last write back to the start. A write left off that
/// chain is lost; a later write built on it (from a stale read) puts it
/// back, so a loss can come back: `missing` is how many are lost now, and
/// the drift is exactly their changes, undone.
struct UpdateChain: Equatable, Sendable {
  /// Equal when they hold as many writes, end at the same one and lack the
  /// same ones (a frame compares states; the writes themselves are many).
  static func == (a: UpdateChain, b: UpdateChain) -> Bool {
    a.parents.count == b.parents.count && a.last == b.last && a.missingWrites == b.missingWrites
  }

  /// Per write: the write it built on (-1: the start), its change, and
  /// whether it is in the balance now.
  private var parents: [Int32] = []
  private var changes: [Int] = []
  private var inBalance: [Bool] = []
  private var last = -1
  /// A thread's last read: the write it saw, and the value.
  private struct Read: Equatable, Sendable {
    var write: Int
    var value: Int
  }
  private var readFrom: [Int: Read] = [:]
  /// Writes with a change that are not in the balance now.
  private var missingWrites: Set<Int> = []

  /// The missing writes' changes, counted by amount.
  private var missingByAmount: [Int: Int] = [:]

  /// How many updates the balance lacks now. Two that cancel (a +8 and a
  /// -8 both left out) take nothing from it, so they are not counted.
  var missing: Int {
    missingByAmount.reduce(0) { sum, entry in
      let (amount, count) = entry
      if amount > 0 { return sum + abs(count - (missingByAmount[-amount] ?? 0)) }
      return missingByAmount[-amount] == nil ? sum + count : sum
    }
  }

  /// Their changes, in the order they were written, less pairs that
  /// cancel (for a short list: it sorts every missing write).
  var missingChanges: [Int] {
    var cancel: [Int: Int] = [:]
    for (amount, count) in missingByAmount where amount > 0 {
      cancel[amount] = min(count, missingByAmount[-amount] ?? 0)
      cancel[-amount] = cancel[amount]
    }
    var kept: [Int] = []
    for write in missingWrites.sorted() {
      let change = changes[write]
      if let left = cancel[change], left > 0 {
        cancel[change] = left - 1
      } else {
        kept.append(change)
      }
    }
    return kept
  }

  private mutating func leaveOut(_ write: Int) {
    guard missingWrites.insert(write).inserted else { return }
    missingByAmount[changes[write], default: 0] += 1
  }

  private mutating func putBack(_ write: Int) {
    guard missingWrites.remove(write) != nil else { return }
    let amount = changes[write]
    missingByAmount[amount]! -= 1
    if missingByAmount[amount] == 0 { missingByAmount[amount] = nil }
  }

  mutating func read(by thread: Int, value: Int) {
    readFrom[thread] = Read(write: last, value: value)
  }

  mutating func write(by thread: Int, value: Int) {
    let (parent, read) = readFrom[thread].map { ($0.write, $0.value) } ?? (last, value)
    let index = parents.count
    parents.append(Int32(parent))
    changes.append(value &- read)
    inBalance.append(true)
    // The writes from `parent` back to where it meets the chain come back;
    // those of the chain past that point leave it.
    var back: [Int] = []
    var node = parent
    while node >= 0, !inBalance[node] {
      back.append(node)
      node = Int(parents[node])
    }
    var gone = last
    while gone != node, gone >= 0 {
      inBalance[gone] = false
      if changes[gone] != 0 { leaveOut(gone) }
      gone = Int(parents[gone])
    }
    for write in back {
      inBalance[write] = true
      putBack(write)
    }
    last = index
  }
}
