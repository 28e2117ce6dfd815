/// The words of the program dashboard (`interleave run FILE.py`), in each
/// language; a table the compiler checks, so no language lacks one.
public struct ProgramWords: Sendable {
  public var codeTitle: String
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
  public var ready: String
  public var running: String
  public var waiting: String
  public var done: String
  public var keys: String
  public var quitOnly: String

  public static func of(_ language: Language) -> ProgramWords {
    switch language {
    case .en: return english
    case .zh: return chinese
    }
  }

  static let english = ProgramWords(
    codeTitle: "code, threads at their next step", threadsTitle: "threads",
    globalsTitle: "globals", globalsSampled: "globals, sampled", outputTitle: "output",
    step: "step", paused: "paused", stepping: { "stepping, \($0) steps/s" },
    free: "running freely at full speed", finished: "finished",
    deadlock: "deadlock: every thread waits", ready: "ready", running: "running",
    waiting: "waiting", done: "finished",
    keys: " n step  0-9 step that thread  space run/pause  +/- speed  f full speed  q quit",
    quitOnly: " q quit")

  static let chinese = ProgramWords(
    codeTitle: "代码：各线程下一步所在的行", threadsTitle: "线程", globalsTitle: "全局变量",
    globalsSampled: "全局变量（抽样）", outputTitle: "输出", step: "第", paused: "已暂停",
    stepping: { "自动单步，每秒 \($0) 步" }, free: "全速自由运行", finished: "已结束",
    deadlock: "死锁：所有线程都在等待", ready: "就绪", running: "运行中", waiting: "等待中",
    done: "已结束", keys: " n 单步  0-9 让该线程走一步  空格 运行/暂停  +/- 速度  f 全速  q 退出",
    quitOnly: " q 退出")
}
