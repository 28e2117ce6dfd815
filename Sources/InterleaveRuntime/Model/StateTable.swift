import CSystem
import Glibc

/// A set of machine states of one size, stored end to end in one array and
/// found by open addressing: no allocation per state, which is what makes
/// counting millions of states take a second rather than ten.
struct StateTable {
  /// Values per state.
  let size: Int
  /// State i is `flat[i * size ..< (i + 1) * size]`.
  private(set) var flat: [Int32] = []
  /// State index + 1 in each bucket, 0 when empty; a power of two long.
  private var buckets: [Int32]
  private(set) var count = 0

  init(size: Int, capacity: Int = 16) {
    self.size = size
    var length = 16
    while length < capacity * 2 { length <<= 1 }
    buckets = Array(repeating: 0, count: length)
    flat.reserveCapacity(capacity * size)
  }

  /// Brings the bucket of a state with hash `hash` into the cache, ahead
  /// of its `insert` (call `reserve` first so the table does not grow between).
  func prefetch(hash: Int) {
    buckets.withUnsafeBufferPointer { il_prefetch($0.baseAddress! + (hash & ($0.count - 1))) }
  }

  /// Grows the table now if `more` states could make it grow.
  mutating func reserve(_ more: Int) {
    while (count + more) * 2 >= buckets.count { grow() }
  }

  /// The index of `values` (one state's, whose `hash` is worked out), added if new.
  mutating func insert(_ values: [Int32], hash: Int) -> Int {
    if count * 2 >= buckets.count { grow() }
    let mask = buckets.count - 1
    var bucket = hash & mask
    while true {
      let stored = Int(buckets[bucket])
      if stored == 0 {
        buckets[bucket] = Int32(count + 1)
        flat.append(contentsOf: values)
        count += 1
        return count - 1
      }
      if matches(stored - 1, values) { return stored - 1 }
      bucket = (bucket + 1) & mask
    }
  }

  /// Copies state `index` into `values` (which must be `size` long).
  func load(_ index: Int, into values: inout [Int32]) {
    let start = index * size
    for offset in 0..<size { values[offset] = flat[start + offset] }
  }

  private func matches(_ index: Int, _ values: [Int32]) -> Bool {
    let start = index * size
    return flat.withUnsafeBufferPointer { stored in
      values.withUnsafeBufferPointer { wanted in
        memcmp(stored.baseAddress! + start, wanted.baseAddress!, size * 4) == 0
      }
    }
  }

  private mutating func grow() {
    buckets = Array(repeating: 0, count: buckets.count * 2)
    let mask = buckets.count - 1
    var values = [Int32](repeating: 0, count: size)
    for index in 0..<count {
      load(index, into: &values)
      var bucket = Self.hash(values) & mask
      while buckets[bucket] != 0 { bucket = (bucket + 1) & mask }
      buckets[bucket] = Int32(index + 1)
    }
  }

  /// A fast, well-mixed hash of the values (multiply and fold).
  static func hash(_ values: [Int32]) -> Int {
    values.withUnsafeBufferPointer { values in
      var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
      for value in values {
        hash = (hash ^ UInt64(UInt32(bitPattern: value))) &* 0xBF58_476D_1CE4_E5B9
        hash ^= hash >> 31
      }
      return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }
  }
}
