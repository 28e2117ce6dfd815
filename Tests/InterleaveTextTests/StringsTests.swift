import InterleaveProgram
import InterleaveRuntime
import Testing

@testable import InterleaveText

@Suite("The string table")
struct StringsTests {
  @Test("every scenario has its blurb in both languages, and the Chinese one is Chinese")
  func blurbs() {
    for scenario in Scenario.all {
      let english = English().blurb(scenario)
      let chinese = Chinese().blurb(scenario)
      #expect(english != scenario.id && english.count > 20, "\(scenario.id)")
      #expect(chinese != scenario.id, "\(scenario.id)")
      #expect(chinese.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) })
    }
  }

  @Test("a deadlock's transcript in Chinese has no English words")
  func noEnglishInChinese() {
    let transcript = Transcript(
      language: .zh, names: ["MainThread", "Thread-1", "Thread-2"],
      primitives: [.mutex("A"), .mutex("B")])
    let cycle = DeadlockCycle(links: [
      .init(thread: 1, holds: 1, waits: 0), .init(thread: 2, holds: 0, waits: 1),
    ])
    let text = transcript.describe(cycle)
    #expect(text == "Thread-1 持有 B，等待 A -> Thread-2 持有 A，等待 B")
    #expect(
      Transcript(language: .en, names: transcript.names, primitives: transcript.primitives)
        .describe(cycle) == "Thread-1 holds B, wants A -> Thread-2 holds A, wants B")
    for word in ["holds", "waits", "lock"] { #expect(!text.contains(word)) }
  }

  @Test("thread names follow Python's, in the seed's language")
  func names() {
    let loop = RunConfiguration(scenario: .loop, threads: 2)
    #expect(Transcript.names(loop, .en) == ["MainThread", "LoopThread-1", "LoopThread-2"])
    #expect(Transcript.names(loop, .zh) == ["MainThread", "循环线程-1", "循环线程-2"])
    let one = RunConfiguration(scenario: .loop, threads: 1)
    #expect(Transcript.names(one, .zh) == ["MainThread", "循环线程"])
    let race = RunConfiguration(scenario: .race, threads: 2)
    #expect(Transcript.names(race, .zh) == ["MainThread", "Thread-1", "Thread-2"])
  }
}

@Suite("A program's steps in Chinese")
struct ProgramStepWordsTests {
  @Test(
    "each step the model says is said in Chinese, code and values as written",
    arguments: [
      (
        StepSaid.read(global: "balance", value: "5", taken: false), "read balance, now 5",
        "读 balance，当前值 5"
      ),
      (.read(global: "balance", value: "-8", taken: true), "read balance → -8", "读 balance → -8"),
      (.read(global: "x", value: nil, taken: false), "read x", "读 x"),
      (.write(global: "balance", value: "8"), "write balance = 8", "写 balance = 8"),
      (
        .enterWith(name: "lock_b", holder: 2), "with lock_b: acquire, 2 has it",
        "with lock_b：获取（由 2 持有）"
      ),
      (
        .method(receiver: "lock", name: "acquire", holder: 1), "lock.acquire(), 1 has it",
        "lock.acquire()（由 1 持有）"
      ),
      (.exitWith(name: "lock"), "with lock: release", "with lock：释放"),
      (.wake, "wait(): wake", "wait()：醒来，取回锁"),
      (.code("print(...)"), "print(...)", "print(...)"),
      (
        .sleep(call: "time.sleep(0.1)", seconds: 0.1), "time.sleep(0.1): 1 step",
        "time.sleep(0.1)：只算一步"
      ),
      (
        .write(global: "name", value: "'read x, now 1'"), "write name = 'read x, now 1'",
        "写 name = 'read x, now 1'"
      ),
    ])
  func chinese(step: StepSaid, english: String, chinese: String) {
    #expect(ProgramWords.of(.zh).stepSaid(step) == chinese)
    #expect(ProgramWords.of(.en).stepSaid(step) == english)
    #expect(step.english == english)
  }

  @Test("a step that waits for a held lock names the lock and its holder; others name none")
  func heldLock() {
    #expect(StepSaid.enterWith(name: "bob_lock", holder: 2).heldLock! == ("bob_lock", 2))
    #expect(StepSaid.method(receiver: "lock", name: "acquire", holder: 0).heldLock! == ("lock", 0))
    #expect(StepSaid.enterWith(name: "lock", holder: nil).heldLock == nil)
    #expect(StepSaid.write(global: "lock", value: "1").heldLock == nil)
  }
}

@Suite("Program outcomes in Chinese")
struct ProgramOutcomeWordsTests {
  @Test("an outcome's words are Chinese, its globals and thread names as they are")
  func chineseOutcomes() {
    let words = ProgramWords.of(.zh)
    #expect(words.outcomeSaid("deadlock, alice 70, bob 100") == "死锁，alice 70，bob 100")
    #expect(
      words.outcomeSaid("IndexError in Thread-1 (consume)") == "Thread-1 (consume) 抛出 IndexError")
    #expect(words.outcomeSaid("Thread-2 loops without end") == "Thread-2 无限循环")
    #expect(words.outcomeSaid("ends") == "正常结束")
    #expect(words.outcomeSaid("items [1, 2]") == "items [1, 2]")
    #expect(ProgramWords.of(.en).outcomeSaid("deadlock, alice 70") == "deadlock, alice 70")
  }
}
