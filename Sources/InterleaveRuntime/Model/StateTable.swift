import CSystem

/// A set of machine states of one size, stored end to end in one array and
/// found by open addressing: no allocation per state, which is what makes
/// counting millions of states take a second rather than ten.
struct StateTable {
  /// Values per state.
  let size: Int
  /// State i is `flat[i * size ..< (i + 1) * size]`.
  private let flat: PageBuffer<Int32>
  /// Per bucket: state index + 1 in the low 32 bits (0 when empty), and
  /// the state's hash's high 32 bits above, so that a probe past another
  /// state compares two words instead of reading that state (a cache miss
  /// each, which was a fifth of the explorer's time). A power of two long.
  private var buckets: PageBuffer<UInt64>
  private(set) var count = 0

  init(size: Int, capacity: Int = 16) {
    self.size = size
    let length = Self.length(capacity)
    buckets = PageBuffer(capacity: length, count: length)
    flat = PageBuffer(capacity: capacity * size)
  }

  /// Empties the table, keeping its memory, with room for `capacity` states.
  mutating func reset(capacity: Int) {
    buckets.reset(count: Self.length(capacity))
    flat.reset(count: 0)
    count = 0
  }

  /// The buckets for `capacity` states: a power of two, at most half full.
  private static func length(_ capacity: Int) -> Int {
    var length = 16
    while length < capacity * 2 { length <<= 1 }
    return length
  }

  /// Brings the bucket of a state with hash `hash` into the cache, ahead
  /// of its `insert` (call `reserve` first so the table does not grow between).
  func prefetch(hash: Int) {
    il_prefetch(buckets.base + (hash & (buckets.count - 1)))
  }

  /// Grows the table now if `more` states could make it grow.
  mutating func reserve(_ more: Int) {
    while (count + more) * 2 >= buckets.count { grow() }
  }

  /// The index of the state at `values` (`size` values, whose `hash` is
  /// worked out), added if new.
  mutating func insert(_ values: UnsafePointer<Int32>, hash: Int) -> Int {
    if count * 2 >= buckets.count { grow() }
    let mask = buckets.count - 1
    let tag = Self.tag(hash)
    var bucket = hash & mask
    while true {
      let stored = buckets[bucket]
      if stored == 0 {
        buckets[bucket] = tag | UInt64(count + 1)
        flat.append(from: values, count: size)
        count += 1
        return count - 1
      }
      if stored & Self.tagMask == tag {
        let index = Int(stored & 0xFFFF_FFFF) - 1
        if matches(index, values) { return index }
      }
      bucket = (bucket + 1) & mask
    }
  }

  /// Copies state `index` into `values` (room for `size`).
  func load(_ index: Int, into values: UnsafeMutablePointer<Int32>) {
    let stored = flat.base + index * size
    // A loop, not `update(from:)`: its `memmove` call cost more than a
    // state's few words.
    for offset in 0..<size { values[offset] = stored[offset] }
  }

  /// Compared in the loop, not by `memcmp`: a state is a few words, and
  /// the library call cost more than the comparison.
  private func matches(_ index: Int, _ values: UnsafePointer<Int32>) -> Bool {
    let stored = flat.base + index * size
    for offset in 0..<size where stored[offset] != values[offset] { return false }
    return true
  }

  private mutating func grow() {
    let old = buckets
    buckets = PageBuffer(capacity: buckets.count * 2, count: buckets.count * 2)
    let mask = buckets.count - 1
    for bucket in 0..<old.count where old[bucket] != 0 {
      let stored = old[bucket]
      // The tag keeps the hash's high half; the low half is worked out again.
      let values = flat.base + (Int(stored & 0xFFFF_FFFF) - 1) * size
      var bucket = Self.hash(values, size: size) & mask
      while buckets[bucket] != 0 { bucket = (bucket + 1) & mask }
      buckets[bucket] = stored
    }
  }

  private static let tagMask: UInt64 = 0xFFFF_FFFF_0000_0000

  /// The high half of a hash, where a bucket keeps it.
  private static func tag(_ hash: Int) -> UInt64 { UInt64(UInt(bitPattern: hash)) & tagMask }

  /// A fast, well-mixed hash of `size` values (multiply and fold).
  static func hash(_ values: UnsafePointer<Int32>, size: Int) -> Int {
    var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
    for offset in 0..<size {
      hash = (hash ^ UInt64(UInt32(bitPattern: values[offset]))) &* 0xBF58_476D_1CE4_E5B9
      hash ^= hash >> 31
    }
    return Int(truncatingIfNeeded: hash ^ (hash >> 29))
  }
}
