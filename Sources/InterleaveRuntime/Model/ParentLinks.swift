import Glibc

/// Every level's parent links, kept for walking witnesses back once the
/// count is done. The first `budget` bytes stay in memory; past that a
/// finished level's links go to an unlinked temporary file and its memory
/// is reused, so a count of hundreds of millions of states holds only its
/// live levels (4x2 race: 4.3 GB of links). A walk reads one link a level,
/// so reading them back from the file costs little.
final class ParentLinks {
  /// Where one level's links are: in memory, or at a byte offset of the file.
  private enum Place {
    case memory(PageBuffer<Int32>)
    case file(offset: Int)
  }

  private var places: [Place] = []
  /// Each level's first entry, in all levels' numbering.
  private(set) var starts: [Int] = []
  private var end = 0
  private var inMemory = 0
  private let budget: Int
  private var file: Int32 = -1
  private var fileSize = 0

  /// - Parameter budget: bytes of links kept in memory before spilling.
  init(budget: Int = 512 << 20) { self.budget = budget }

  deinit { if file >= 0 { close(file) } }

  /// The number of levels.
  var count: Int { places.count }

  /// Adds a finished level's links.
  /// - Returns: whether `links` went to the file, so its memory may be reused.
  func append(_ links: PageBuffer<Int32>) -> Bool {
    starts.append(end)
    end += links.count
    let bytes = links.count * MemoryLayout<Int32>.stride
    if inMemory + bytes <= budget || !spill(links, bytes: bytes) {
      inMemory += bytes
      places.append(.memory(links))
      return false
    }
    return true
  }

  /// Link `index` of level `level`.
  subscript(level: Int, index: Int) -> Int32 {
    switch places[level] {
    case .memory(let links): return links[index]
    case .file(let offset):
      var value: Int32 = -1
      let position = off_t(offset + index * MemoryLayout<Int32>.stride)
      let read = pread(file, &value, MemoryLayout<Int32>.stride, position)
      // The file was written whole before any walk; a failed read is a
      // broken disk, and a wrong witness would be worse than stopping.
      precondition(read == MemoryLayout<Int32>.stride, "cannot read back the explorer's links")
      return value
    }
  }

  /// Writes `links` at the end of the file, opening it first if need be.
  /// - Returns: false when the file cannot take them (they stay in memory).
  private func spill(_ links: PageBuffer<Int32>, bytes: Int) -> Bool {
    if file < 0 {
      var template = Array((ParentLinks.folder() + "/interleave-links-XXXXXX").utf8CString)
      file = mkstemp(&template)
      guard file >= 0 else { return false }
      // Unlinked at once: the space goes back when the count ends, however it ends.
      unlink(template)
    }
    var written = 0
    let start = UnsafeRawPointer(links.base)
    while written < bytes {
      let result = pwrite(file, start + written, bytes - written, off_t(fileSize + written))
      if result < 0, errno == EINTR { continue }
      guard result > 0 else { return false }
      written += result
    }
    places.append(.file(offset: fileSize))
    fileSize += bytes
    return true
  }

  /// `TMPDIR`, else `/tmp`.
  private static func folder() -> String {
    guard let value = getenv("TMPDIR"), value.pointee != 0 else { return "/tmp" }
    return String(cString: value)
  }
}
