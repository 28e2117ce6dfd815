import Glibc

/// Recent CPU use of each thread: the scheduler's own count of the time it
/// ran, in nanoseconds (`/proc/self/task/TID/schedstat`), or where the
/// kernel has none, its utime + stime in clock ticks (`.../stat`), which
/// charge a whole 10 ms tick to whichever thread the tick found running (a
/// thread blocked in a deadlock showed 2% from one stray tick).
struct ThreadCPUSampler {
  private var last: [Int32: (used: UInt64, time: UInt64)] = [:]
  private static let ticksPerSecond = UInt64(max(1, sysconf(Int32(_SC_CLK_TCK))))

  /// Share of one core each thread used since the previous call (0...1).
  mutating func sample(_ tids: [Int32], now: UInt64) -> [Int32: Double] {
    var shares: [Int32: Double] = [:]
    var next: [Int32: (used: UInt64, time: UInt64)] = [:]
    for tid in tids where tid > 0 {
      guard let used = Self.nanoseconds(tid) else { continue }
      if let previous = last[tid], now > previous.time {
        let ran = Double(used &- min(used, previous.used))
        shares[tid] = min(1, max(0, ran / Double(now - previous.time)))
      }
      next[tid] = (used, now)
    }
    last = next
    return shares
  }

  /// The CPU time a thread has used, in nanoseconds.
  static func nanoseconds(_ tid: Int32) -> UInt64? {
    if let line = firstLine("/proc/self/task/\(tid)/schedstat"),
      let field = line.split(separator: " ").first, let ran = UInt64(field)
    {
      return ran
    }
    return ticks(tid).map { UInt64($0) * 1_000_000_000 / ticksPerSecond }
  }

  private static func firstLine(_ path: String) -> String? {
    guard let file = fopen(path, "r") else { return nil }
    defer { fclose(file) }
    var buffer = [CChar](repeating: 0, count: 1024)
    guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
    return String(
      decoding: buffer.prefix { $0 != 0 && $0 != 10 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// utime + stime of one thread, in clock ticks.
  private static func ticks(_ tid: Int32) -> Int? {
    guard let line = firstLine("/proc/self/task/\(tid)/stat") else { return nil }
    // Fields after the command name (which may hold spaces) start after ')'.
    guard let close = line.lastIndex(of: ")") else { return nil }
    let fields = line[line.index(after: close)...].split(separator: " ")
    // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
    guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else {
      return nil
    }
    return user + system
  }
}
