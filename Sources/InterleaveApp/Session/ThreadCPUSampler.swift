import Glibc

/// Recent CPU use of each thread, from `/proc/self/task/TID/stat`.
struct ThreadCPUSampler {
  private var last: [Int32: (ticks: Int, time: UInt64)] = [:]
  private let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))

  /// Share of one core each thread used since the previous call (0...1).
  mutating func sample(_ tids: [Int32], now: UInt64) -> [Int32: Double] {
    var shares: [Int32: Double] = [:]
    var next: [Int32: (ticks: Int, time: UInt64)] = [:]
    for tid in tids where tid > 0 {
      guard let ticks = ThreadCPUSampler.ticks(tid) else { continue }
      if let previous = last[tid], now > previous.time {
        let seconds = Double(now - previous.time) / 1e9
        shares[tid] = min(1, max(0, Double(ticks - previous.ticks) / ticksPerSecond / seconds))
      }
      next[tid] = (ticks, now)
    }
    last = next
    return shares
  }

  /// utime + stime of one thread, in clock ticks.
  static func ticks(_ tid: Int32) -> Int? {
    guard let file = fopen("/proc/self/task/\(tid)/stat", "r") else { return nil }
    defer { fclose(file) }
    var buffer = [CChar](repeating: 0, count: 1024)
    guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
    let line = String(
      decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
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
