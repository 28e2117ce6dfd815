/// The words of a challenge (`interleave challenge NAME`), in each
/// language; a table the compiler checks, so no language lacks one.
public struct ChallengeWords: Sendable {
  /// What a goal asks, by its kind.
  public var criticalSection: String
  public var deadlock: String
  public var error: String
  /// `final: CONDITION`.
  public var final: @Sendable (String) -> String
  /// `Goal: ...` (what it asks), with the budget when there is one.
  public var goal: @Sendable (String, Int?) -> String
  public var hint: @Sendable (Int, Int, String) -> String
  /// Every hint given: the solution can be taken a step at a time.
  public var noMoreHints: String
  public var hintsFirst: String
  /// The solution's next step was taken (its number, the steps in all).
  public var solutionStep: @Sendable (Int, Int) -> String
  /// Went back to where the learner's schedule leaves the solution's.
  public var solutionBack: @Sendable (Int) -> String
  /// The goal as it stands when reached: said before the win.
  public var reachedNow: @Sendable (String) -> String
  /// The goal decided before it happens (whatever runs next reaches it).
  public var decided: @Sendable (String) -> String
  /// Won: steps, preemptions used, the fewest possible, the schedule.
  public var won: @Sendable (Int, Int, Int, String) -> String
  /// Every thread finished without the goal.
  public var lost: String
  /// Steps played from a schedule, and the goal not reached yet.
  public var notYet: @Sendable (Int) -> String
  /// Said in the dashboard after a loss.
  public var undoHint: String
  /// More steps than the budget.
  public var overBudget: @Sendable (Int) -> String
  /// An unreachable goal's program played to its end: what that shows.
  public var provedDone: String
  /// Before playing a goal no schedule reaches: how the challenge is done.
  public var provedHow: String
  /// The explorer checked every schedule (how many) and none reaches it.
  public var unreachable: @Sendable (String) -> String
  /// `f` is not for a challenge: the learner is the scheduler.
  public var noFreeRun: String
  public var keys: String
  /// The keys of a challenge played as a lesson's step (`s` skips it).
  public var keysInLesson: String
  public var keysOver: String
  /// The list: a challenge won (steps, preemptions), tried, or new.
  public var listWon: @Sendable (Int, Int) -> String
  public var listTried: @Sendable (Int) -> String
  public var listNew: String
  /// Schedules from here that reach the goal, of all from here.
  public var goalCount: @Sendable (String, String) -> String
  /// After a win: the solution's steps were taken.
  public var listHelped: String
  /// An unreachable goal's challenge played to its end.
  public var listProved: String
  /// A step key after the goal is reached or the run is over.
  public var over: String

  public static func of(_ language: Language) -> ChallengeWords {
    switch language {
    case .en: return english
    case .zh: return chinese
    }
  }

  /// What a schedule's first `NxK` means (` (2x3: thread 2, 3 steps in a
  /// row)`), or nothing when it has none.
  static func repeatSaid(_ schedule: String, english: Bool) -> String {
    guard let part = schedule.split(separator: " ").first(where: { $0.contains("x") }),
      let x = part.firstIndex(of: "x")
    else { return "" }
    let thread = part[..<x]
    let count = part[part.index(after: x)...]
    return english
      ? " (\(part): thread \(thread), \(count) steps in a row)"
      : "（\(part)：\(thread) 号线程连走 \(count) 步）"
  }

  static func plural(_ count: Int, _ word: String) -> String {
    "\(count) \(word)\(count == 1 ? "" : "s")"
  }

  static let english = ChallengeWords(
    criticalSection:
      "two threads inside the critical section at once (the lines marked in the code)",
    deadlock: "a deadlock (every unfinished thread waits and none can be woken)",
    error: "a thread raises an error (an exception)",
    final: { "the program ends with \($0)" },
    goal: { goal, budget in
      "Goal: \(goal)" + (budget.map { ", in at most \($0) steps" } ?? "") + "."
    },
    hint: { number, count, text in "Hint \(number)/\(count): \(text)" },
    noMoreHints: "No more hints: w takes the solution's next step.",
    hintsFirst: "Try the hints first (h); after them, w shows the solution a step at a time.",
    solutionStep: { number, count in "The solution's step \(number) of \(count) taken." },
    solutionBack: { steps in
      "Back to step \(steps), where your schedule leaves the solution's; w again goes on."
    },
    reachedNow: { "Now: \($0)." },
    decided: { "Whatever runs next, this is now certain: \($0)." },
    won: { steps, used, fewest, schedule in
      "Goal reached in \(plural(steps, "step")) with \(plural(used, "preemption")); "
        + (used > fewest ? "the fewest possible is \(fewest)" : "none fewer is possible")
        + ". Your schedule: '\(schedule)'" + repeatSaid(schedule, english: true)
        + ". (A preemption: a switch away from a thread that could have gone on.)"
    },
    lost: "Every thread has finished and the goal was not reached.",
    notYet: { "After \(plural($0, "step")) the goal is not reached yet." },
    undoHint: "u takes a step back.",
    overBudget: { "Over the budget of \($0) steps." },
    provedDone:
      "Every thread has finished without reaching the goal, and no schedule can reach it.",
    provedHow: "If no schedule gets there, play on to the end: that is the proof.",
    unreachable: { total in
      "The explorer tried all \(total) schedules of this program: none reaches the goal. "
        + "That is the lesson."
    },
    noFreeRun: "In a challenge you are the scheduler: step the threads yourself.",
    keys: " 0-9 step that thread  n next  e expand  u undo  h hint  w solution  q quit",
    keysInLesson: " 0-9 thread  n next  e expand  u undo  h hint  w solution  s skip  q quit",
    keysOver: " u undo  q quit",
    listWon: { steps, used in "won: \(plural(steps, "step")), \(plural(used, "preemption"))" },
    listTried: { tries in "tried \(tries == 1 ? "once" : "\(tries) times")" },
    listNew: "new", goalCount: { "reach the goal: \($0) of \($1)" },
    listHelped: ", with the solution",
    listProved: "done: shown impossible",
    over: "This try is over: u takes a step back, q quits.")

  static let chinese = ChallengeWords(
    criticalSection: "两个线程同时在临界区里（代码中标出的行）",
    deadlock: "死锁（每个没结束的线程都在等待，谁也叫不醒）",
    error: "某个线程抛出错误（异常）",
    final: { "程序结束时 \($0)" },
    goal: { goal, budget in
      "目标：\(goal)" + (budget.map { "，最多 \($0) 步" } ?? "") + "。"
    },
    hint: { number, count, text in "提示 \(number)/\(count)：\(text)" },
    noMoreHints: "没有更多提示了：按 w 走答案的下一步。",
    hintsFirst: "先看看提示（h）；看完提示后，按 w 可以一步一步看答案。",
    solutionStep: { number, count in "已走答案的第 \(number) 步（共 \(count) 步）。" },
    solutionBack: { steps in "已退回到第 \(steps) 步，你的调度从这里和答案分开；再按 w 继续。" },
    reachedNow: { "现在：\($0)。" },
    decided: { "不管接下来怎么调度，结果都已注定：\($0)。" },
    won: { steps, used, fewest, schedule in
      "目标达成！用了 \(steps) 步、\(used) 次抢占"
        + (used > fewest ? "；最少只要 \(fewest) 次" : "，已经是最少") + "。你的调度：'\(schedule)'"
        + repeatSaid(schedule, english: false) + "。"
        + "（抢占：线程还能继续时换别的线程走。）"
    },
    lost: "所有线程都结束了，目标没有达成。",
    notYet: { "走了 \($0) 步，目标还没有达成。" },
    undoHint: "按 u 退回一步。",
    overBudget: { "超出了 \($0) 步的限制。" },
    provedDone: "所有线程都结束了，目标没有达成；任何调度都达不成。",
    provedHow: "如果怎么走都达不到，就一直走到程序结束：那就是证明。",
    unreachable: { total in "探索器把这个程序的全部 \(total) 种调度都试过了：没有一种能达成目标。这正是本关要说明的。" },
    noFreeRun: "挑战里你就是调度器：请自己一步一步地走线程。",
    keys: " 0-9 让该线程走  n 下一个  e 展开  u 撤销  h 提示  w 答案  q 退出",
    keysInLesson: " 0-9 让该线程走  n 下一个  e 展开  u 撤销  h 提示  w 答案  s 跳过  q 退出",
    keysOver: " u 撤销  q 退出",
    listWon: { steps, used in "已完成：\(steps) 步，\(used) 次抢占" },
    listTried: { tries in "试过 \(tries) 次" },
    listNew: "未开始", goalCount: { "能达成目标：\($0) / \($1) 种" },
    listHelped: "（看了答案）", listProved: "已完成：证明了不可能",
    over: "这一局已经结束：按 u 退回一步，按 q 退出。")
}
