import InterleaveRuntime

/// Turns events into the lines a person reads, in the seed's transcript style.
public struct Transcript: Sendable {
  public var language: Language
  /// Thread display names, index 0 first.
  public var names: [String]
  public var lockNames: [String]

  public init(language: Language, names: [String], lockNames: [String]) {
    self.language = language
    self.names = names
    self.lockNames = lockNames
  }

  public func name(_ thread: Int) -> String {
    names.indices.contains(thread) ? names[thread] : "#\(thread)"
  }

  public func lock(_ id: Int) -> String {
    lockNames.indices.contains(id) ? lockNames[id] : "#\(id)"
  }

  /// The line for an event, or nil for events the transcript leaves out
  /// (joins, which the seed does not print).
  public func line(for event: Event) -> String? {
    let who = name(event.thread)
    let zh = language == .zh
    switch event.kind {
    case .started: return zh ? "线程\(who)正在运行中..." : "Thread \(who) is running..."
    case .finished: return zh ? "线程\(who)结束了" : "Thread \(who) ended"
    case .cancelled: return zh ? "线程\(who)被取消了" : "Thread \(who) was cancelled"
    case .joining, .joined: return nil
    case .count(let n): return zh ? "线程 \(who) >>> \(n)" : "Thread \(who) >>> \(n)"
    case .read(let value):
      return zh ? "\(who) 读取 balance = \(value)" : "\(who) read balance = \(value)"
    case .write(let value):
      return zh ? "\(who) 写入 balance = \(value)" : "\(who) write balance = \(value)"
    case .atomicAdd(let amount, let result):
      return zh
        ? "\(who) 原子加 \(amount)，balance = \(result)"
        : "\(who) atomic add \(amount), balance = \(result)"
    case .lostUpdate(let lost):
      let victim = name(lost.victim)
      var steps = ""
      if let step = lost.step, let victimStep = lost.victimStep {
        steps = zh ? "，第 \(step) 步覆盖了第 \(victimStep) 步" : ", step \(step) over step \(victimStep)"
      }
      return zh
        ? "\(who) 丢失更新：写入 \(lost.written) 覆盖了 \(victim) 写的 \(lost.overwritten)（它读到的是 \(lost.readValue)\(steps)）"
        : "\(who) lost update: wrote \(lost.written) over \(victim)'s \(lost.overwritten) (it had read \(lost.readValue)\(steps))"
    case .waiting(let id):
      return zh ? "\(who) 等待 \(lock(id))" : "\(who) waits for \(lock(id))"
    case .acquired(let id, let waited):
      return zh
        ? "\(who) 获得锁 \(lock(id))（等了 \(Duration.text(waited))）"
        : "\(who) acquire \(lock(id)) (waited \(Duration.text(waited)))"
    case .timedOut(let id, let waited):
      return zh
        ? "\(who) 获取锁 \(lock(id)) 超时（等了 \(Duration.text(waited))）"
        : "\(who) acquire \(lock(id)) timed out (waited \(Duration.text(waited)))"
    case .released(let id, let held):
      return zh
        ? "\(who) 释放锁 \(lock(id))（持有 \(Duration.text(held))）"
        : "\(who) release \(lock(id)) (held \(Duration.text(held)))"
    case .lockState(_, let locked, let ident):
      return "(Locked: \(locked ? "True" : "False")) Thread is \(ident)..."
    case .balance(let value): return String(value)
    case .sleep(let duration):
      return zh ? "\(who) 睡眠 \(Duration.text(duration))" : "\(who) sleep \(Duration.text(duration))"
    case .deadlock(let length):
      return zh
        ? "检测到死锁：\(length) 个线程互相等待" : "deadlock detected: \(length) threads wait for each other"
    }
  }
}

/// Short human durations: `850 ns`, `3 µs`, `12.5 ms`, `1.20 s`.
public enum Duration {
  public static func text(_ ns: UInt64) -> String {
    switch ns {
    case ..<1_000: return "\(ns) ns"
    case ..<1_000_000: return "\(ns / 1_000) µs"
    case ..<1_000_000_000:
      let ms = Double(ns) / 1e6
      return ms < 10 ? "\(rounded(ms, 1)) ms" : "\(Int(ms)) ms"
    default: return "\(rounded(Double(ns) / 1e9, 2)) s"
    }
  }

  public static func rounded(_ value: Double, _ places: Int) -> String {
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let whole = Int((value * scale).rounded())
    let integer = whole / Int(scale)
    let fraction = String(whole % Int(scale))
    return "\(integer)." + String(repeating: "0", count: places - fraction.count) + fraction
  }
}
