import InterleaveRuntime

/// One-line explanations of each scenario, for the caption bar.
public enum ScenarioText {
  public static func blurb(_ scenario: Scenario, _ language: Language) -> String {
    let zh = language == .zh
    switch scenario {
    case .loop:
      return zh
        ? "主线程启动一个名为“循环线程”的线程并 join 它：每个线程都有名字，current_thread() 返回当前线程。"
        : "The main thread starts a named thread and joins it: every thread has a name, current_thread() is the one running."
    case .race:
      return zh
        ? "没有锁：balance += n 是先读后写，两个线程交错时，一个线程的写会覆盖另一个的，更新就丢了。"
        : "No lock: balance += n is a read then a write; when threads interleave, one write overwrites another and an update is lost."
    case .locked:
      return zh
        ? "给 change_it() 上一把锁：同一时刻最多一个线程持有它，所以 balance 总是 0。"
        : "A lock around change_it(): at most one thread holds it at a time, so the balance always ends at 0."
    case .coarse:
      return zh
        ? "_thread 锁：acquire(timeout=…) 后整个循环都持有锁，其他线程只能等待——锁让并发变成了串行。"
        : "The _thread lock: acquire(timeout=…), then hold it for the whole loop; everyone else waits. Locks serialise work."
    case .deadlock:
      return zh
        ? "两把锁，相反的顺序：每个线程都持有对方需要的锁，全部挂起——这就是死锁。"
        : "Two locks taken in opposite orders: each thread holds what the other needs, and all of them hang. A deadlock."
    case .atomic:
      return zh
        ? "原子加法：读和写是一个不可分割的操作，不需要锁也不会丢失更新。"
        : "An atomic add: the read and the write are one indivisible step, so no update is lost and no lock is needed."
    }
  }
}
