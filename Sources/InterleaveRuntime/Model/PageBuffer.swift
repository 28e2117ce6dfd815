import Glibc

/// Values in memory of their own, on huge pages where the system allows,
/// zeroed when made: the explorer's tables are hundreds of megabytes read
/// at random, and with 4 KiB pages much of a lookup's time went to the
/// address translation's misses, not the data's. Grows by doubling, like
/// an array; it is a class, so a copy of it is the same values.
final class PageBuffer<Element: BitwiseCopyable> {
  /// Values in use.
  private(set) var count = 0
  /// Values there is room for.
  private(set) var capacity: Int
  private(set) var base: UnsafeMutablePointer<Element>
  private var bytes: Int
  /// Values ever in use: memory past them has never been written, so is zero.
  private var touched = 0

  /// Room for `capacity` values (at least one), `count` of them in use.
  init(capacity: Int, count: Int = 0) {
    (base, bytes) = Self.map(max(capacity, count, 1))
    self.capacity = bytes / MemoryLayout<Element>.stride
    self.count = count
  }

  deinit { munmap(base, bytes) }

  subscript(index: Int) -> Element {
    get { base[index] }
    set { base[index] = newValue }
  }

  /// Makes it `count` zeroes long, keeping its memory where it has room:
  /// memory already in use is zeroed faster than new pages are.
  func reset(count wanted: Int) {
    if wanted > capacity {
      munmap(base, bytes)
      (base, bytes) = Self.map(wanted)
      capacity = bytes / MemoryLayout<Element>.stride
      touched = 0
    } else {
      touched = max(touched, count)
      memset(base, 0, min(touched, wanted) * MemoryLayout<Element>.stride)
    }
    count = wanted
  }

  /// Adds `more` copies of `value`.
  func append(_ value: Element, count more: Int) {
    reserve(count + more)
    (base + count).initialize(repeating: value, count: more)
    count += more
  }

  /// Adds `more` values from `source`.
  func append(from source: UnsafePointer<Element>, count more: Int) {
    reserve(count + more)
    (base + count).update(from: source, count: more)
    count += more
  }

  private func reserve(_ wanted: Int) {
    guard wanted > capacity else { return }
    let (larger, size) = Self.map(max(wanted, capacity * 2))
    larger.update(from: base, count: count)
    munmap(base, bytes)
    touched = count
    (base, bytes) = (larger, size)
    capacity = bytes / MemoryLayout<Element>.stride
  }

  /// Zeroed memory for `count` values: in whole huge pages from 1 MiB up,
  /// small pages below (a small exploration should not zero 2 MiB a table).
  private static func map(_ count: Int) -> (UnsafeMutablePointer<Element>, Int) {
    let wanted = count * MemoryLayout<Element>.stride
    let page = wanted >= 1 << 20 ? 2 << 20 : 4096
    let bytes = (wanted + page - 1) / page * page
    guard
      let memory = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
      memory != MAP_FAILED
    else { fatalError("out of memory: \(bytes) bytes for the explorer's tables") }
    // Advice only: where it is refused the pages are small.
    if page > 4096 { _ = madvise(memory, bytes, MADV_HUGEPAGE) }
    return (memory.bindMemory(to: Element.self, capacity: count), bytes)
  }
}
