import InterleaveProgram

/// The words of the program dashboard (`interleave run FILE.py`), in each
/// language; a table the compiler checks, so no language lacks one.
public struct ProgramWords: Sendable {
  public var codeTitle: String
  /// Let go at full speed: only a blocked thread's line is known.
  public var codeTitleFree: String
  public var threadsTitle: String
  public var globalsTitle: String
  public var globalsSampled: String
  public var outputTitle: String
  public var step: String
  public var paused: String
  public var stepping: @Sendable (Int) -> String
  public var free: String
  public var finished: String
  public var deadlock: String
  /// Said under the output at a deadlock.
  public var deadlockSaid: String
  public var ready: String
  public var running: String
  public var waiting: String
  public var done: String
  /// A thread the program's end cut off before it reached its end.
  public var cutOff: String
  public var keys: String
  /// The same while the steps run by themselves (space pauses them).
  public var keysRunning: String
  public var quitOnly: String
  /// The keys at the end of a stepped run, or at a deadlock.
  public var undoOrQuit: String
  public var stillPossible: String
  public var tooManyToCount: String
  /// The locks held and their holders, the semaphores' values
  /// (`locks: lock held by 1, pool=1`).
  public var held: @Sendable ([String]) -> String
  /// A lock waited for, and the thread that holds it (`b: 2 has it`).
  public var lockHeldBy: @Sendable (String, String) -> String
  /// A lock and the thread that holds it (a lock no global names is the
  /// thread's own).
  public var heldBy: @Sendable (String?, Int) -> String
  /// The keys while a lesson takes the steps, and why a step key does nothing then.
  public var lessonKeys: String
  public var lessonTakesSteps: String
  /// The header's state while a lesson takes the steps.
  public var lessonPlaying: String
  /// Said while the outcomes still possible are being counted.
  public var counting: String
  public var more: @Sendable (Int) -> String
  /// The title when only the first of `count` outcomes has room.
  public var stillPossibleOf: @Sendable (Int) -> String
  /// Thread N cannot take a step now (what it waits to do).
  public var cannotGo: @Sendable (Int, String) -> String
  public var hasFinished: @Sendable (Int) -> String
  /// A digit past the last thread (which is the second number).
  public var noSuchThread: @Sendable (Int, Int) -> String
  /// A key the program screen has no use for, and the keys it has.
  public var keyNotHere: @Sendable (String) -> String
  /// `?`: every key, in one line (the screen has no help page).
  public var keysHelp: String
  /// `u` before any step.
  public var nothingToUndo: String
  /// After a global's value: the thread whose step wrote it last.
  public var writtenBy: @Sendable (Int) -> String
  /// Whose steps a line taken apart (`e`) lists: thread N's.
  public var stepsOf: @Sendable (Int) -> String

  /// What a step does (`read balance, now 5`, `write balance = 8`,
  /// `with lock: acquire, 2 has it`), in this language. Code (names,
  /// values, calls) stays as written.
  public var stepSaid: @Sendable (StepSaid) -> String = { $0.english }
  /// An outcome as the explorer says it in English (`deadlock, alice 70`,
  /// `IndexError in Thread-1 (consume)`), in this language; globals stay.
  public var outcomeSaid: @Sendable (String) -> String = { $0 }

  public static func of(_ language: Language) -> ProgramWords {
    switch language {
    case .en: return english
    case .zh: return chinese
    }
  }

  static let english = ProgramWords(
    codeTitle: "code: ▶ each thread's next step, ✓ last step",
    codeTitleFree: "code, blocked threads where they wait", threadsTitle: "threads",
    globalsTitle: "globals", globalsSampled: "globals, sampled", outputTitle: "output",
    step: "step", paused: "paused", stepping: { "stepping, \($0) steps/s" },
    free: "running freely at full speed", finished: "finished",
    deadlock: "deadlock",
    deadlockSaid:
      "deadlock: every thread waits for something only another waiting thread can give, "
      + "so none can go on (see each one's wait under threads). u undoes a step to try another way.",
    ready: "ready", running: "running",
    waiting: "waiting", done: "finished", cutOff: "cut off",
    keys: " n step  0-9 that thread  e expand  u undo  space run  +/- speed  f full  q quit",
    keysRunning:
      " n step  0-9 that thread  e expand  u undo  space pause  +/- speed  f full  q quit",
    quitOnly: " q quit", undoOrQuit: " u undo  q quit",
    stillPossible: "can still end (schedules):",
    tooManyToCount: "can still end: too many schedules to count",
    held: { "locks: " + $0.joined(separator: ", ") },
    lockHeldBy: { "\($0): \($1) has it" },
    heldBy: { name, holder in name.map { "\($0) held by \(holder)" } ?? "\(holder)'s own lock" },
    lessonKeys: " e expand  q quit", lessonTakesSteps: "The lesson takes the steps here; q quits.",
    lessonPlaying: "the lesson takes the steps",
    counting: "counting the outcomes…", more: { "  and \($0) more" },
    stillPossibleOf: { "can still end (1 of \($0); schedules):" },
    cannotGo: { "thread \($0) cannot go now: it waits (\($1))" },
    hasFinished: { "thread \($0) has finished" },
    noSuchThread: { "there is no thread \($0): the threads so far are 0 to \($1)" },
    keyNotHere: {
      "no '\($0)' key here: n step, 0-9 that thread, e expand, u undo, space run, q quit"
    },
    keysHelp: "keys: n step, 0-9 that thread, e expand a line, u undo, space run, q quit",
    nothingToUndo: "nothing to undo: no step has been taken yet",
    writtenBy: { "written by \($0)" }, stepsOf: { "thread \($0)" })

  static let chinese: ProgramWords = {
    var words = chineseWords
    words.stepSaid = chineseStep
    words.outcomeSaid = chineseOutcome
    return words
  }()

  /// An outcome's English words in Chinese, part by part; a global's
  /// value (`balance -8`, `items [1, 2]`) stays as it is.
  @Sendable static func chineseOutcome(_ text: String) -> String {
    if text == "ends" { return "正常结束" }
    // Parts are split at ", " outside brackets: a list's items stay together.
    var parts: [String] = []
    var part = ""
    var depth = 0
    var characters = text.makeIterator()
    while let character = characters.next() {
      if "[({".contains(character) { depth += 1 }
      if "])}".contains(character) { depth = max(0, depth - 1) }
      if character == ",", depth == 0 {
        parts.append(part)
        part = ""
        if let space = characters.next(), space != " " { part.append(space) }
        continue
      }
      part.append(character)
    }
    parts.append(part)
    return parts.map { part -> String in
      if part == "deadlock" { return "死锁" }
      if let match = part.wholeMatch(of: /(\w+(?:Error|Exception)) in (.+)/) {
        return "\(match.2) 抛出 \(match.1)"
      }
      if let match = part.wholeMatch(of: /(.+) loops without end/) {
        return "\(match.1) 无限循环"
      }
      return part
    }.joined(separator: "，")
  }

  /// A step in Chinese; code stays as it is.
  @Sendable static func chineseStep(_ step: StepSaid) -> String {
    let holder = step.heldLock.map { "（由 \($0.holder) 持有）" } ?? ""
    switch step {
    case .read(let global, let value, let taken):
      guard let value else { return "读 \(global)" }
      return taken ? "读 \(global) → \(value)" : "读 \(global)，当前值 \(value)"
    case .write(let global, let value): return "写 \(global) = \(value)"
    case .enterWith(let name, _): return "with \(name)：获取" + holder
    case .exitWith(let name): return "with \(name)：释放"
    case .wake: return "wait()：醒来，取回锁"
    case .sleep(let call, _): return "\(call)：只算一步"
    case .method(let receiver, let name, _): return "\(receiver).\(name)()" + holder
    case .code(let text): return text
    }
  }

  static let chineseWords = ProgramWords(
    codeTitle: "代码：▶ 各线程的下一步，✓ 上一步", codeTitleFree: "代码：阻塞的线程停在的行",
    threadsTitle: "线程", globalsTitle: "全局变量",
    globalsSampled: "全局变量（抽样）", outputTitle: "输出", step: "第", paused: "已暂停",
    stepping: { "自动单步，每秒 \($0) 步" }, free: "全速自由运行", finished: "已结束",
    deadlock: "死锁",
    deadlockSaid: "死锁：每个线程等的东西都只有另一个等待中的线程能给，谁也走不下去（各自在等什么，见“线程”栏）。按 u 撤销一步，换一条路试试。",
    ready: "就绪", running: "运行中", waiting: "等待中",
    done: "已结束", cutOff: "被终止", keys: " n 单步  0-9 该线程走一步  e 展开  u 撤销  空格 运行  +/- 速度  f 全速  q 退出",
    keysRunning: " n 单步  0-9 该线程走一步  e 展开  u 撤销  空格 暂停  +/- 速度  f 全速  q 退出",
    quitOnly: " q 退出", undoOrQuit: " u 撤销  q 退出", stillPossible: "仍可能的结果（调度数）：",
    tooManyToCount: "仍可能的结果：剩下的调度太多，无法计数", held: { "锁：" + $0.joined(separator: "，") },
    lockHeldBy: { "\($0)（由 \($1) 持有）" },
    heldBy: { name, holder in name.map { "\($0) 由 \(holder) 号持有" } ?? "\(holder) 号自己的锁" },
    lessonKeys: " e 展开  q 退出", lessonTakesSteps: "这里由课程来走每一步；按 q 退出。",
    lessonPlaying: "由课程逐步执行", counting: "正在计数可能的结果…",
    more: { "  还有 \($0) 种" },
    stillPossibleOf: { "可能结果（\($0) 种之一；调度数）：" },
    cannotGo: { "线程 \($0) 现在走不了，它在等：\($1)" },
    hasFinished: { "线程 \($0) 已经结束" },
    noSuchThread: { "没有线程 \($0)：目前的线程是 0 到 \($1)" },
    keyNotHere: { "这里没有 '\($0)' 键：n 走一步，0-9 让该线程走，e 展开，u 撤销，空格 运行，q 退出" },
    keysHelp: "按键：n 单步，0-9 让该线程走，e 展开当前行，u 撤销，空格 运行，f 全速，q 退出",
    nothingToUndo: "还没有走过一步，没有可以撤销的",
    writtenBy: { "由线程 \($0) 写入" }, stepsOf: { "线程 \($0)" })
}
