import CSystem
import Glibc
import Testing

@testable import InterleaveApp

@Suite("A thread's CPU figure")
struct ThreadCPUSamplerTests {
  /// CPU time the calling thread has used, from its own clock (ns).
  static func ownCPUTime() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
  }

  /// A blocked thread that wakes for a moment now and then (a wait that
  /// listens for a quit) was charged a whole tick at times: 2% in a deadlock.
  @Test("counts the time a thread ran to the nanosecond, not in whole 10 ms ticks")
  func precise() throws {
    let tid = Int32(il_gettid())
    let before = try #require(ThreadCPUSampler.nanoseconds(tid))
    // Run 3 ms of CPU time (by the thread's own clock, however the machine
    // shares its cores meanwhile).
    let start = Self.ownCPUTime()
    var spins = 0
    while Self.ownCPUTime() - start < 3_000_000 { spins &+= 1 }
    let after = try #require(ThreadCPUSampler.nanoseconds(tid))
    #expect(after - before >= 2_500_000, "\(spins) spins")
    #expect(after - before < 1_000_000_000)
  }
}
