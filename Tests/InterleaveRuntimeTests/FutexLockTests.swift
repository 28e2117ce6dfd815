import InterleaveTestSupport
import Testing

@testable import InterleavePlatform

/// A count that the lock under test protects, and nothing else does.
///
/// `@unchecked Sendable`: every read and write of `value` is made with the
/// test's lock held; the test checks that the lock makes that enough
/// (ThreadSanitizer also checks it, under CI's sanitizer run).
private final class Tally: @unchecked Sendable {
  var value = 0
}

@Suite("The futex lock under threading.Lock")
struct FutexLockTests {
  @Test("four threads adding under the lock lose no update")
  func noLostUpdate() {
    let lock = FutexLock()
    let tally = Tally()
    let rounds = 200_000
    let threads = (0..<4).compactMap { _ in
      OSThread.spawn {
        for _ in 0..<rounds {
          if !lock.tryLock() { lock.lock() }
          tally.value += 1
          lock.unlock()
        }
      }
    }
    #expect(threads.count == 4)
    for thread in threads { thread.join() }
    #expect(tally.value == threads.count * rounds)
  }

  @Test(
    "a timed take gives up at its deadline while the lock is held, and a sleeper is woken when it is given back"
  )
  func timedTake() {
    let lock = FutexLock()
    lock.lock()
    #expect(!lock.tryLock())
    let start = MonotonicClock.now()
    #expect(!lock.lock(until: start + 20_000_000))
    #expect(MonotonicClock.now() - start >= 20_000_000)
    let taken = LockedBox<Bool?>(nil)
    let waiter = OSThread.spawn {
      let got = lock.lock(until: MonotonicClock.now() + 10_000_000_000)
      taken.withLockedValue { $0 = got }
      if got { lock.unlock() }
    }
    // Given back only once the waiter has said it may sleep (the word is
    // 2): the release must wake it.
    #expect(Wait.until { lock.word[0].load(ordering: .relaxed) == 2 })
    lock.unlock()
    waiter?.join()
    #expect(taken.snapshot == true)
    #expect(lock.tryLock())
  }
}
