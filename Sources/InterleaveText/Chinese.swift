import InterleaveRuntime

/// The string table in Chinese, in the seed's own words where it has them.
public struct Chinese: Strings {
  public init() {}

  // MARK: - Threads

  public var mainThread: String { "MainThread" }

  public func worker(_ naming: ScenarioTraits.Naming, _ index: Int, of count: Int) -> String {
    switch naming {
    case .python: return "Thread-\(index)"
    case .loop: return count == 1 ? "循环线程" : "循环线程-\(index)"
    case .process: return "Process-\(index)"
    }
  }

  public func state(_ state: ThreadState) -> String {
    switch state {
    case .created: return "已创建"
    case .running: return "运行中"
    case .waiting: return "等待中"
    case .sleeping: return "睡眠中"
    case .finished: return "已结束"
    case .cancelled: return "已取消"
    case .refused: return "未能启动"
    }
  }

  public var paused: String { "已暂停" }
  public var ready: String { "就绪" }
  public var paced: String { "逐步运行" }
  public var yourTurn: String { "▶ 轮到你" }
  public func tid(_ tid: Int32) -> String { "tid \(tid)" }
  public func cpu(_ core: Int) -> String { core >= 0 ? "核心 \(core)" : "核心 -" }

  // MARK: - Transcript: the seed's prints

  public func started(_ who: String) -> String { "线程\(who)正在运行中..." }
  public func ended(_ who: String) -> String { "线程\(who)结束了" }
  public func cancelled(_ who: String) -> String { "线程\(who)被取消了" }
  public func count(_ who: String, _ n: Int) -> String { "线程 \(who) >>> \(n)" }

  // MARK: - Transcript: one step

  public func reads(_ value: Int) -> String { "读取 balance = \(value)" }
  public func writes(_ value: Int) -> String { "写入 balance = \(value)" }

  public func atomicAdd(_ amount: Int, result: Int) -> String {
    "原子加 \(amount)，balance = \(result)"
  }

  public func lostUpdate(wrote: Int, over victim: String, overwritten: Int, read: Int) -> String {
    "丢失更新：写入 \(wrote)，覆盖了 \(victim) 写的 \(overwritten)（它读到的是 \(read)）"
  }

  public func overwritten(_ value: Int, by writer: String) -> String {
    "✗ 它写的 \(value) 被 \(writer) 覆盖了"
  }

  public func waits(for primitive: PrimitiveSpec) -> String {
    switch primitive.kind {
    case .mutex: return "等待锁 \(primitive.name)"
    case .semaphore: return "等待 \(primitive.name) 的许可"
    case .condition: return "等待 \(primitive.name)"
    }
  }

  public func acquired(_ primitive: PrimitiveSpec, waited: UInt64) -> String {
    let wait = waited == 0 ? "无需等待" : "等了 \(Duration.text(waited))"
    return primitive.kind == .semaphore
      ? "拿到 \(primitive.name) 的许可（\(wait)）"
      : "获得锁 \(primitive.name)（\(wait)）"
  }

  public func timedOut(_ primitive: PrimitiveSpec, waited: UInt64) -> String {
    "获取锁 \(primitive.name) 超时（等了 \(Duration.text(waited))）"
  }

  public func released(_ primitive: PrimitiveSpec, held: UInt64) -> String {
    primitive.kind == .semaphore
      ? "归还 \(primitive.name) 的许可"
      : "释放锁 \(primitive.name)（持有 \(Duration.text(held))）"
  }

  public func sleeps(_ duration: UInt64, written: UInt64) -> String {
    if duration == 0 { return written > 0 ? "time.sleep(\(Duration.python(written)))" : "睡眠" }
    if written == 0 { return "睡眠 \(Duration.text(duration))，好让别的线程先跑" }
    let call = "time.sleep(\(Duration.python(written)))"
    if written == duration { return call }
    let how = duration < written ? "缩短" : "延长"
    return "\(call)：为便于观看\(how)为 \(Duration.text(duration))"
  }

  public func deadlockFound(threads: Int) -> String { "检测到死锁：\(threads) 个线程互相等待" }

  public var paneStarted: String { "开始运行" }
  public var paneEnded: String { "结束了" }
  public func printedEarlier(_ text: String) -> String { "已打印：\(text)" }
  public var paneCancelled: String { "被取消" }

  // MARK: - Scenarios

  public func blurb(_ scenario: Scenario) -> String { scenario.words.blurb.zh }

  public func mainThreadDoing(_ state: ThreadState, waitsBy: ScenarioTraits.MainWait) -> String {
    switch (state, waitsBy) {
    case (.waiting, .join), (.sleeping, .join): return "join()：等待工作线程结束"
    case (.waiting, .sleep), (.sleeping, .sleep): return "睡眠，直到工作线程做完（教程里是 sleep(3)）"
    case (.finished, .join): return "join() 完毕：工作线程都已结束"
    case (.finished, .sleep): return "醒来：工作线程都结束了"
    case (.cancelled, _): return "已取消"
    case (.refused, _): return "系统拒绝启动它"
    default: return "启动工作线程"
    }
  }

  // MARK: - Header and footer

  public func cores(_ count: Int) -> String { "\(count) 核" }
  public func threads(_ count: Int, short: Bool) -> String {
    // One spacing everywhere (a digit, a space, the measure word).
    "\(count) 个工作线程"
  }
  public var fullSpeed: String { "全速" }

  public func phase(_ phase: RunPhase) -> String {
    switch phase {
    case .running: return "● 运行中"
    case .paused: return "‖ 已暂停"
    case .finished: return "■ 已结束"
    case .deadlocked: return "✗ 死锁"
    case .hung: return "✗ 挂起"
    }
  }

  public func seed(_ seed: UInt64) -> String { "种子 \(seed)" }
  public func replay(_ schedule: String) -> String { "调度 \(schedule)" }
  public func keyName(_ key: String) -> String {
    key == "space" ? "空格" : key == "mouse" ? "鼠标" : key
  }

  public func footer(_ hint: KeyHint) -> String {
    switch hint {
    case .scenario: return "场景"
    case .nextScenario: return "下一个"
    case .pause: return "暂停"
    case .resume: return "继续"
    case .step: return "单步"
    case .speed: return "速度"
    case .threads: return "线程"
    case .restart: return "重来"
    case .theme: return "主题"
    case .page: return "翻页"
    case .snapshot: return "保存"
    case .mouse: return "点击"
    case .help: return "帮助"
    case .quit: return "退出"
    }
  }

  public func help(_ hint: KeyHint, theme: String) -> String {
    switch hint {
    case .scenario: return "切换场景；/ 列出全部场景"
    case .nextScenario: return "下一个 / 上一个场景"
    case .pause, .resume: return "暂停 / 继续"
    case .step: return "单步执行（运行中会先暂停）"
    case .speed: return "加快 / 减慢"
    case .threads: return "减少 / 增加线程"
    case .restart: return "用相同设置重新运行"
    case .theme: return "下一个主题（当前 \(theme)）"
    case .page: return "线程表翻页"
    case .snapshot: return "把屏幕存成 SVG 图片（当前目录）"
    case .mouse: return "点标签切换场景；点窗格独占空间（j/k 翻看）"
    case .help: return "显示 / 隐藏帮助（Esc 关闭）"
    case .quit: return "退出"
    }
  }

  public var helpTitle: String { "按键" }
  public var legendTitle: String { "交错图" }
  public func perStep(_ pace: String) -> String { "每步 \(pace)" }
  public var notListedFromHere: String { "全速：此后不再逐步列出" }
  public func lostAtLeast(_ count: String) -> String { "丢失更新 ≥ \(count)（之后未追踪）" }
  public func lostNowMissing(_ count: String, missing: String) -> String {
    "丢失更新 \(count)，缺少改动 \(missing)"
  }
  public func lostNowMissingCount(_ count: String, missing: String) -> String {
    "丢失更新 \(count)，现在缺 \(missing) 笔改动"
  }
  public func paceThenNext(_ pace: String, next: String) -> String { "\(pace)，下次 \(next)" }
  public func nextRunPace(_ pace: String) -> String { "下次运行：\(pace)（按 r 开始）" }
  public func lostNoneMissing(_ count: String) -> String {
    "丢失更新 \(count)，但现在一笔也不缺"
  }
  public var figuresTitle: String { "数字的含义" }
  public var figuresElsewhere: String { "各个数字的含义：interleave help figures" }
  public var moreInTallerWindow: String { "… 窗口再高一些可看到更多" }
  public var figureDefinitions: [(String, String)] {
    [
      ("迭代  M/s", "已完成的迭代；全速时为最近 2 秒每秒的迭代数"),
      ("~  ≥", "~ 近似值（成批计数或采样所得）· ≥ 至少（只算追踪到的部分）"),
      ("▁▃▇", "这个速率随时间的变化，每 0.25 秒一格"),
      ("平均 M/s", "线程结束后：迭代数除以它自己的运行时间（含等待）"),
      ("~cpu %", "该线程最近占用一个核心的比例（从系统采样）"),
      ("忙碌核心", "工作线程的 CPU 时间除以它们的运行跨度：平均几个同时在跑"),
      ("─┼███─", "┼ 标出余额应有的终值；色条显示它现在在哪里"),
      ("覆盖别人 · 被覆盖", "它的写抹掉别人更新的次数 · 它的更新被别人抹掉的次数"),
      ("缺少改动", "余额现在缺少的更新（丢失的更新可能又回来）"),
      ("请求", "对这把锁调用 acquire() 的次数"),
      ("争用 %", "需要等待的请求占全部请求的比例"),
      ("等待 平均 最长", "需要等待的请求等了多久"),
      ("持有时间占比", "锁被持有的时间占整个运行的比例（含正在进行的持有）"),
    ]
  }
  public func themeNotice(_ name: String) -> String { "主题 \(name)" }
  public func snapshotSaved(_ path: String) -> String { "已保存 \(path)" }
  public func focusNotice(_ name: String) -> String {
    "\(name) 独占：j/k 或滚轮翻看，Esc 还原"
  }
  public func snapshotFailed(_ path: String, _ reason: String) -> String {
    "无法保存 \(path)：\(reason)"
  }

  public func lessonNotice(_ title: String, step: Int, of count: Int) -> String {
    "课程 \(title) · \(step)/\(count)"
  }

  public var lessonEnded: String { "课程结束，按 q 退出" }
  public var lessonEndMarker: String { "课程结束" }
  public func scenarioMarker(_ id: String) -> String { "场景 \(id)" }

  public func rerun(_ attempt: Int, of total: Int) -> String {
    "这次没有出现：线程几乎没有重叠，再运行一次（\(attempt)/\(total)）"
  }
  public var quitting: String { "正在退出…" }
  public func switching(to scenario: Scenario) -> String { "正在切换到 \(scenario.id)…" }
  public var replayEnded: String { "重放结束：这个调度属于另一次运行" }
  public func refusedThreads(_ count: Int) -> String { "系统拒绝创建 \(count) 个线程" }
  public func droppedEvents(_ count: String) -> String { "丢弃事件 \(count)" }

  public func tooSmall(width: Int, height: Int) -> String {
    "终端太小（至少需要 \(width)x\(height)）"
  }

  public func nowSize(width: Int, height: Int) -> String { "当前 \(width)x\(height)" }

  // MARK: - Panes and the thread table

  public var iterations: String { "迭代" }
  public var trials: String { "试验" }
  public var average: String { "平均" }

  public func lostCounts(overwrote: Int, overwritten: Int, short: Bool, atLeast: Bool) -> String {
    let more = atLeast ? "≥" : ""
    return short
      ? "✗ \(more)\(overwrote)/\(more)\(overwritten)"
      : "覆盖别人 \(more)\(overwrote) · 被覆盖 \(more)\(overwritten)"
  }

  public func tableHeader(_ column: TableColumn) -> String {
    switch column {
    case .thread: return "线程"
    case .state: return "状态"
    case .iterations: return "迭代"
    case .lost: return "丢失"
    case .rate: return "速率"
    case .cpuPercent: return "~cpu%"
    case .core: return "核心"
    case .tid: return "tid"
    case .lastEvent: return "最近事件"
    }
  }

  public func tablePage(first: Int, last: Int, of count: Int) -> String {
    "线程 \(first)-\(last) / 共 \(count)  (PgUp/PgDn 翻页)"
  }

  // MARK: - The interleaving strip

  public func stripTitle(sampled: Bool) -> String {
    sampled ? "谁在运行（全速：每帧一列）" : "每步一列，最新在右"
  }

  public func legend(_ glyph: StripGlyph) -> String {
    switch glyph {
    case .read: return "读"
    case .write: return "写"
    case .atomic: return "原子加"
    case .acquire: return "加锁"
    case .release: return "解锁"
    case .wait: return "acquire() 中"
    case .conditionWait: return "cond.wait()"
    case .gilWait: return "等 GIL"
    case .sleep: return "睡眠"
    case .tick: return "n += 1"
    case .put: return "放入"
    case .take: return "取出"
    case .notify: return "通知"
    case .bytecode: return "字节码"
    case .raise: return "异常"
    case .overwrote: return "覆盖"
    case .lost: return "丢失"
    case .ran: return "运行"
    }
  }

  public func moreThreads(_ count: Int) -> String { "另有 \(count) 个线程" }

  // MARK: - Primitives panel

  public var primitivesTitle: String { "锁" }
  public var noLockRace: String { "没有锁：没有什么能阻止交错" }
  public var noPrimitives: String { "这个场景没有锁" }
  public var deadlockHeader: String { "✗ 死锁：出现了循环等待" }

  public func cycleLink(_ who: String, holds: String, waits: String) -> String {
    "\(who) 持有 \(holds)，等待 \(waits)"
  }

  public func backTo(_ who: String) -> String { "→ 回到 \(who)" }
  public func owner(_ who: String) -> String { "持有者 \(who)" }
  public var free: String { "空闲" }
  public var freeWaking: String { "空闲，等待者正被唤醒" }
  public func waiters(_ names: [String]) -> String { "等待者：" + names.joined(separator: "、") }

  public func lockCounts(acquisitions: String, contended: String, share: String, timeouts: Int)
    -> String
  {
    "请求 \(acquisitions)  争用 \(contended)（\(share)）" + (timeouts > 0 ? "  超时 \(timeouts)" : "")
  }

  public func lockWaits(average: String, max: String) -> String { "等待 平均 \(average)  最长 \(max)" }
  public func lockHeld(_ share: String) -> String { "锁的持有时间占比：\(share)" }
  public var lockNoWaits: String { "等待：还没有请求需要等待" }
  public func lockWaitsSoFar(max: String) -> String { "已结束的等待最长 \(max)" }
  public func lockWaitsNoneEnded(waiting: Int) -> String {
    "等待：\(waiting) 个线程正在等锁，还没有哪次等待结束"
  }

  // MARK: - The lost update, told step by step

  public var storyTitle: String { "最近一次丢失的更新" }
  public var storyWaiting: String { "还没有丢失更新：每次写入都基于上一次写入的结果" }
  public var storyUntraced: String { "全速：不逐步追踪（按 - 放慢）" }
  public func storyRead(_ who: String, _ value: Int) -> String { "\(who) 读到 \(value)" }
  public func storyWrite(_ who: String, _ value: Int) -> String { "\(who) 写入 \(value)" }

  public func storyOverwrite(_ who: String, _ value: Int, read: Int) -> String {
    "\(who) 写入 \(value)（由它读到的 \(read) 算出）"
  }

  public func storyLost(_ victim: String, amount: Int) -> String {
    "\(victim) 的 \(Format.signed(amount)) 丢了"
  }

  // MARK: - Balance gauge

  public var balanceTitle: String { "balance 余额" }
  public var noBalance: String { "本场景没有 balance 变量" }
  public func balance(_ value: String, expected: String) -> String {
    "balance \(value)  应为 \(expected)"
  }

  public func balanceNow(_ value: String, atEnd expected: String) -> String {
    "balance \(value)，结束时应为 \(expected)"
  }

  public func lostUpdates(_ count: String) -> String { "丢失更新 \(count)" }
  public var lostNotTraced: String { "丢失更新：未追踪" }
  public var verdictCorrect: String { "✔ 正确" }
  public var verdictUnproven: String { "✔ 与预期一致（未必没丢）" }
  public func verdictWrong(_ drift: String) -> String {
    // `+13` reads 多了 13, `-10` 少了 10: the drift line below gives the sign.
    if drift.hasPrefix("-") { return "✗ 结果错了，少了 \(drift.dropFirst())" }
    return "✗ 结果错了，多了 \(drift.drop { $0 == "+" })"
  }
  public var verdictNotEveryThread: String { "✗ 并非所有线程都运行了" }
  public func verdictLuck(_ lost: String) -> String { "✗ 丢失 \(lost) 次更新，碰巧互相抵消" }
  public func range(min: String, max: String, sampled: Bool) -> String {
    (sampled ? "抽样：" : "") + "最小 \(min)  最大 \(max)"
  }

  // MARK: - Plain summary

  public func summaryLabel(_ field: SummaryField) -> String {
    switch field {
    case .scenario: return "场景"
    case .balance: return "余额"
    case .lostUpdates: return "丢失更新"
    case .elapsed: return "耗时"
    case .operations: return "操作数"
    case .lock(let name): return "锁 \(name)"
    case .semaphore(let name): return "信号量 \(name)"
    case .condition(let name): return "条件变量 \(name)"
    case .figure(let label): return label
    case .hang: return "挂起"
    case .deadlock: return "死锁"
    case .dropped: return "丢弃事件"
    case .notStarted: return "未能启动"
    case .overlap: return "同时运行"
    }
  }

  public func overlap(_ parallelism: Double, workers: Int, cpu: UInt64, span: UInt64) -> String {
    "平均 \(Duration.rounded(parallelism, 2)) 个（共 \(workers) 个工作线程；"
      + "CPU 时间 \(Duration.text(cpu))，历时 \(Duration.text(span))）"
      + (parallelism < 1.25 ? "：系统多半让它们轮流运行，所以能丢失的更新很少" : "")
  }

  public var pacedOverlap: String { "每次只走一步，所以丢失更新比线程自由运行时更常见" }

  public func atOnce(_ parallelism: Double, of workers: Int) -> String {
    "忙碌核心 \(Duration.rounded(parallelism, 1))/\(workers)"
  }

  public func scenarioLine(_ id: String, threads: Int, iterations: Int?) -> String {
    "\(id)，\(threads) 个线程" + (iterations.map { " × \($0) 次" } ?? "")
  }

  public func summaryVerdict(drift: Int, lost: Int, notEveryThread: Bool) -> String {
    if notEveryThread { return "并非所有线程都运行了" }
    if drift != 0 { return "错误：偏差 \(drift)" }
    return lost > 0 ? "只是碰巧：\(lost) 次丢失的更新互相抵消了" : "正确"
  }

  public func balanceLine(final: Int, expected: Int, verdict: String) -> String {
    "\(final)（应为 \(expected)，\(verdict)）"
  }

  public var lostNotTracedLong: String { "全速运行时不逐一追踪（偏差是精确的）" }

  public func operations(_ count: Int, rate: String) -> String { "\(count) (\(rate)/s)" }

  public var holdNotTimed: String { "全速时不测量持有时间" }

  public func lockLine(_ lock: PrimitiveSnapshot, held: String?, contention: String) -> String {
    "获取 \(lock.acquisitions) 次，争用 \(lock.contended) 次（\(contention)），"
      + "平均等待 \(Duration.text(lock.averageWaitNs))，最长 \(Duration.text(lock.maxWaitNs))，"
      + (held.map { "持有 \($0)" } ?? holdNotTimed) + "，超时 \(lock.timeouts) 次"
  }

  public func refusedLine(_ count: Int, of total: Int) -> String {
    "系统拒绝创建 \(count)/\(total) 个线程"
  }

  public func refusedChildren(_ count: Int, of total: Int, because reason: String) -> String {
    "系统拒绝启动 \(count)/\(total) 个子进程（\(reason)）"
  }

  public func refusedError(_ count: Int, of total: Int) -> String {
    "系统拒绝启动 \(count)/\(total) 个线程（内存或系统限制：见 ulimit -s、ulimit -v）"
  }
}
