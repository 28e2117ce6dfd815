import Foundation
import InterleaveRuntime
import InterleaveText
import Testing

@testable import InterleaveDashboard

@Suite("Widgets")
struct WidgetTests {
  static func gauge(_ state: DashboardState, width: Int = 32) -> Canvas {
    var canvas = Canvas(width: width, height: 7)
    GaugeWidget.render(state, in: canvas.bounds, on: &canvas)
    return canvas
  }

  @Test(
    "the finished gauge shows the bar from the expected value and the verdict, which says the drift"
  )
  func gaugeWrong() {
    var state = Fixtures.state(.race, threads: 2)
    state.balance = BalanceView(value: 5, expected: 0, minimum: -3, maximum: 8, lostUpdates: 3)
    state.phase = .finished
    let canvas = Self.gauge(state)
    #expect(
      canvas.lines == [
        "┌ balance ─────────────────────┐",
        "│──────────────┼█████████──────│",
        "│balance 5  expected 0         │",
        "│✗ wrong by +5                 │",
        "│lost updates 3                │",
        "│min -3  max 8                 │",
        "└──────────────────────────────┘",
      ])
    #expect(canvas[16, 1].style.role == .gaugeDrift)
    #expect(canvas[1, 3].style.role == .gaugeDrift)
  }

  @Test("a correct finished run says so, with the marker on the centre")
  func gaugeCorrect() {
    var state = Fixtures.state(.locked, threads: 2)
    state.balance = BalanceView(value: 0, expected: 0, minimum: 0, maximum: 13, lostUpdates: 0)
    state.phase = .finished
    let canvas = Self.gauge(state)
    #expect(canvas.line(1) == "│──────────────┼───────────────│")
    #expect(canvas.line(2) == "│balance 0  expected 0         │")
    #expect(canvas.line(3) == "│✔ correct                     │")
    #expect(canvas.line(4) == "│lost updates 0                │")
    #expect(canvas[1, 3].style.role == .gaugeOK)
    #expect(canvas[15, 1].style.role == .gaugeOK)
  }

  @Test("in flight the balance is neutral, even far from the end value; lost updates are not")
  func gaugeInFlight() {
    var state = Fixtures.state(.coarse, threads: 2)
    state.balance = BalanceView(value: 30, expected: 110, minimum: 0, maximum: 30)
    let coarse = Self.gauge(state, width: 40)
    #expect(coarse.line(2) == "│balance 30, should end at 110         │")
    // A balance growing towards 110 fills from the left, its end marked.
    #expect(coarse.line(1) == "│██████████───────────────────────────┼│")
    state.balance = BalanceView(value: 0, expected: 110, minimum: 0, maximum: 0)
    #expect(
      Self.gauge(state, width: 40).line(1) == "│─────────────────────────────────────┼│",
      "just begun: nothing filled, not a full bar below the mark")
    #expect(!coarse.lines.joined().contains("drift"), "no drift before the end")
    #expect(
      coarse.cells.allSatisfy { $0.style.role != .gaugeDrift && $0.style.role != .gaugeOK },
      "neither red nor green in flight")

    var race = Fixtures.state(.race, threads: 2)
    race.balance = BalanceView(value: 0, expected: 0, minimum: -5, maximum: 8, lostUpdates: 1)
    let lost = Self.gauge(race, width: 40)
    #expect(lost.line(3).hasPrefix("│lost updates 1"))
    #expect(lost[1, 3].style.role == .lostUpdate, "a lost update is a problem at once")
  }

  @Test(
    "an unlocked race that ends right with its losses not traced is 'as expected (not proof)', a locked one correct"
  )
  func gaugeUnproven() {
    for (scenario, verdict) in [
      (Scenario.race, "✔ as expected (not proof)"), (.locked, "✔ correct"),
    ] {
      var state = Fixtures.state(scenario, threads: 2)
      // Full speed: nobody counted the lost updates.
      state.balance = BalanceView(value: 0, expected: 0, minimum: 0, maximum: 13, lostUpdates: nil)
      state.phase = .finished
      let canvas = Self.gauge(state)
      #expect(canvas.line(3).contains(verdict + " "), "\(scenario.id): \(canvas.line(3))")
    }
  }

  @Test("lost updates whose amounts cancel out are not called correct")
  func gaugeLuck() {
    var state = Fixtures.state(.race, threads: 2)
    state.balance = BalanceView(value: 0, expected: 0, minimum: -5, maximum: 8, lostUpdates: 2)
    state.phase = .finished
    let canvas = Self.gauge(state, width: 44)
    #expect(canvas.line(3) == "│✗ 2 lost, cancelled out by luck           │")
    #expect(canvas[1, 3].style.role == .gaugeDrift)
    #expect(!canvas.lines.joined().contains("correct"))
  }

  /// Two threads, each holding the lock the other waits for.
  static func deadlocked(_ language: Language) -> DashboardState {
    var state = Fixtures.state(.deadlock, threads: 2, language: language)
    state.deadlock = DeadlockCycle(links: [
      .init(thread: 1, holds: 1, waits: 0), .init(thread: 2, holds: 0, waits: 1),
    ])
    state.primitives = [
      PrimitiveSnapshot(
        id: 0, name: "A", holders: [2], waiters: [1], acquisitions: 4, contended: 1),
      PrimitiveSnapshot(id: 1, name: "B", holders: [1], waiters: [2], acquisitions: 4),
    ]
    return state
  }

  @Test("the primitives panel draws the deadlock cycle and who owns and waits")
  func primitivesDeadlock() {
    let state = Self.deadlocked(.en)
    var canvas = Canvas(width: 40, height: 14)
    PrimitivesWidget.render(state, in: canvas.bounds, on: &canvas)
    let lines = canvas.lines
    #expect(lines[0] == "┌ locks ───────────────────────────────┐")
    #expect(lines[1] == "│✗ DEADLOCK: a cycle of waits          │")
    #expect(lines[2] == "│ Thread-1 holds B, wants A            │")
    #expect(lines[3] == "│ → Thread-2 holds A, wants B          │")
    #expect(lines[4] == "│ → back to Thread-1                   │")
    #expect(lines[5] == "│A owner Thread-2                      │")
    #expect(lines[6] == "│ waiters: Thread-1                    │")
    // Each lock's waiter is a call that found it taken, counted at once.
    #expect(lines[7] == "│ calls 5  contended 2 (40%)           │")
    #expect(canvas[2, 2].style.role == .deadlock)
    #expect(canvas[2, 7].style.role == .waiting, "contention stands out")
  }

  @Test("in a deadlock with little room, every lock still shows its owner, in en and zh")
  func primitivesDeadlockTight() {
    for language in [Language.en, .zh] {
      let state = Self.deadlocked(language)
      // The locks panel at 80x24: six rows inside its border.
      var canvas = Canvas(width: 30, height: 8)
      PrimitivesWidget.render(state, in: canvas.bounds, on: &canvas)
      let lines = canvas.lines
      let owner = state.strings.owner
      #expect(lines.contains { $0.contains("A " + owner("Thread-2")) }, "\(lines)")
      #expect(lines.contains { $0.contains("B " + owner("Thread-1")) }, "\(lines)")
    }
  }

  @Test("lines the locks box leaves out for want of rows are said on its border, and only then")
  func primitivesLeftOutSaid() {
    for language in [Language.en, .zh] {
      var state = Fixtures.state(.locked, threads: 2, language: language)
      state.elapsedNs = 2_000_000_000
      state.primitives = [
        PrimitiveSnapshot(
          id: 0, name: "lock", holders: [], waiters: [], acquisitions: 2_000_000, contended: 125,
          totalHoldNs: 3_000_000, holdSampled: true)
      ]
      let note = state.strings.moreInTallerWindow
      // Owner, counts and waits fit in four rows; the hold line does not.
      var short = Canvas(width: 30, height: 6)
      PrimitivesWidget.render(state, in: short.bounds, on: &short)
      #expect(short.lines.last?.contains(note) == true, "\(short.lines)")
      var tall = Canvas(width: 30, height: 12)
      PrimitivesWidget.render(state, in: tall.bounds, on: &tall)
      #expect(!tall.lines.contains { $0.contains(note) }, "\(tall.lines)")
    }
  }

  @Test("a lock just released with its waiters still listed says they are waking, not just 'free'")
  func freeWithWaiters() {
    var state = Fixtures.state(.locked, threads: 2)
    state.primitives = [
      PrimitiveSnapshot(id: 0, name: "lock", holders: [], waiters: [2], acquisitions: 3)
    ]
    var canvas = Canvas(width: 40, height: 8)
    PrimitivesWidget.render(state, in: canvas.bounds, on: &canvas)
    let lines = canvas.lines
    #expect(lines.contains { $0.contains("lock free, waiters waking") }, "\(lines)")
    #expect(lines.contains { $0.contains("waiters: Thread-2") })
    state.primitives[0].waiters = []
    var empty = Canvas(width: 40, height: 8)
    PrimitivesWidget.render(state, in: empty.bounds, on: &empty)
    #expect(empty.lines.contains { $0.contains("lock free ") && !$0.contains("waking") })
  }

  @Test("waits still going are said beside the ended ones' figures, which leave them out")
  func waitsInProgress() {
    var state = Fixtures.state(.condition, threads: 3)
    state.primitives = [
      PrimitiveSnapshot(
        id: 0, name: "lock", holders: [1], waiters: [2], acquisitions: 5, contended: 2,
        totalWaitNs: 840_000_000, maxWaitNs: 800_000_000)
    ]
    var canvas = Canvas(width: 60, height: 10)
    PrimitivesWidget.render(state, in: canvas.bounds, on: &canvas)
    #expect(
      canvas.lines.contains { $0.contains("longest ended wait 800 ms") },
      "\(canvas.lines)")
    state.primitives[0].waiters = []
    var done = Canvas(width: 60, height: 10)
    PrimitivesWidget.render(state, in: done.bounds, on: &done)
    #expect(done.lines.contains { $0.contains("wait avg 420 ms  max 800 ms") }, "\(done.lines)")
  }

  @Test("a gauge too short for its lines says so on its border; one with room does not")
  func gaugeLeftOut() {
    var state = Fixtures.state(.race, threads: 2)
    state.balance = BalanceView(value: 13, expected: 0, minimum: 0, maximum: 18, lostUpdates: 3)
    state.balance.missingCount = 2
    state.balance.missingChanges = [-5, -8]
    state.phase = .finished
    let note = state.strings.moreInTallerWindow
    let short = Self.gauge(state, width: 30)
    #expect(short.lines.last?.contains(note) == true, "\(short.lines)")
    var tall = Canvas(width: 30, height: 9)
    GaugeWidget.render(state, in: tall.bounds, on: &tall)
    #expect(!tall.lines.contains { $0.contains(note) }, "\(tall.lines)")
    #expect(tall.lines.contains { $0.contains("max 18") }, "\(tall.lines)")
  }

  @Test("a lock nobody had to wait for says so, not 'wait avg 0 ns', in en and zh")
  func noWaitsYet() {
    for language in [Language.en, .zh] {
      var state = Fixtures.state(.locked, threads: 2, language: language)
      state.primitives = [
        PrimitiveSnapshot(id: 0, name: "lock", holders: [1], waiters: [], acquisitions: 3)
      ]
      var canvas = Canvas(width: 40, height: 10)
      PrimitivesWidget.render(state, in: canvas.bounds, on: &canvas)
      #expect(canvas.lines.contains { $0.contains(state.strings.lockNoWaits) }, "\(canvas.lines)")
      #expect(!canvas.lines.contains { $0.contains("0 ns") }, "\(canvas.lines)")
      // A pane's uncontended acquire: taken at once, no "waited 0 ns".
      let lock = PrimitiveSpec.mutex("lock")
      #expect(!state.strings.acquired(lock, waited: 0).contains("0 ns"))
      #expect(state.strings.acquired(lock, waited: 2_000_000).contains("2.0 ms"))
    }
  }

  @Test("while a thread waits and no wait is over, the waits are not said to average 0 ns")
  func noWaitOverYet() {
    var state = Fixtures.state(.locked, threads: 2)
    state.primitives = [
      PrimitiveSnapshot(id: 0, name: "lock", holders: [1], waiters: [2], acquisitions: 1)
    ]
    var canvas = Canvas(width: 40, height: 10)
    PrimitivesWidget.render(state, in: canvas.bounds, on: &canvas)
    #expect(
      canvas.lines.contains { $0.contains("waits: 1 waiting now, none done yet") },
      "\(canvas.lines)")
    #expect(!canvas.lines.contains { $0.contains("0 ns") }, "\(canvas.lines)")
    // Once one is over, its figures.
    state.primitives[0].contended = 1
    state.primitives[0].acquisitions = 2
    state.primitives[0].totalWaitNs = 4_000_000
    state.primitives[0].maxWaitNs = 4_000_000
    var later = Canvas(width: 40, height: 10)
    PrimitivesWidget.render(state, in: later.bounds, on: &later)
    // Thread-2 still waits: the figures are the ended waits'.
    let text = later.lines.joined(separator: " ")
    #expect(text.contains("longest ended wait 4.0 ms"), "\(later.lines)")
  }

  @Test("a hold share is shown only when every hold was timed; at full speed it is not measured")
  func holdNotTimed() {
    // A teacher saw "held ~0% (sampled)" in one run and "~44%" in the next
    // for the same locked loop: a sample of holds of a few nanoseconds.
    var state = Fixtures.state(.locked, threads: 2)
    state.elapsedNs = 2_000_000_000
    state.primitives = [
      PrimitiveSnapshot(
        id: 0, name: "lock", holders: [], waiters: [], acquisitions: 2_000_000, contended: 125,
        totalHoldNs: 3_000_000, holdSampled: true)
    ]
    var canvas = Canvas(width: 44, height: 10)
    PrimitivesWidget.render(state, in: canvas.bounds, on: &canvas)
    #expect(canvas.lines.contains { $0.contains("hold time not measured at full speed") })
    #expect(!canvas.lines.contains { $0.contains("%") && $0.contains("held") }, "\(canvas.lines)")
    state.primitives[0].holdSampled = false
    var timed = Canvas(width: 44, height: 10)
    PrimitivesWidget.render(state, in: timed.bounds, on: &timed)
    #expect(timed.lines.contains { $0.contains("held 0.15% of the time") }, "\(timed.lines)")
  }

  @Test("a lock's account that does not fit its box loses whole lines, never half of one")
  func primitivesFit() {
    // At full speed at 80x24: the counts wrap to two rows, and the held
    // share was cut to "held ~39% (sampled) of the".
    var state = Fixtures.state(.locked, threads: 2)
    state.elapsedNs = 2_000_000_000
    state.primitives = [
      PrimitiveSnapshot(
        id: 0, name: "lock", holders: [2], waiters: [1], acquisitions: 20_495_466,
        contended: 15_669, totalWaitNs: 2_000_000_000, maxWaitNs: 16_000_000,
        totalHoldNs: 780_000_000, holdSampled: true)
    ]
    var canvas = Canvas(width: 30, height: 8)
    PrimitivesWidget.render(state, in: canvas.bounds, on: &canvas)
    let text = canvas.lines.joined(separator: "\n")
    #expect(text.contains("owner Thread-2") && text.contains("waiters: Thread-1"))
    // The waiter's call is counted, contended, as it waits.
    #expect(text.contains("20,495,467") && text.contains("15,670"))
    // The held share is shown whole or not at all.
    let held = canvas.lines.first { $0.contains("held") }
    #expect(held == nil || held!.contains("time"), "\(held ?? "")")
    // And a line that has to be cut says so.
    var narrow = Canvas(width: 30, height: 5)
    var writer = LineWriter(area: narrow.bounds.inset(1))
    writer.line(
      "one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
        + " fifteen sixteen seventeen eighteen", Style(.text),
      on: &narrow)
    #expect(narrow.lines[3].contains("…"), "\(narrow.lines)")
  }

  @Test("a thread that raised ends by its error in its pane, not 'finished'")
  func endedByError() {
    var state = Fixtures.state(.condition, threads: 3)
    state.apply(Event(time: 1, thread: 2, kind: .raised(.popFromEmpty)))
    state.apply(Event(time: 2, thread: 2, kind: .finished))
    state.apply(Event(time: 3, thread: 3, kind: .finished))
    #expect(state.panes[2].recent.last?.text == "ended by the IndexError")
    #expect(state.panes[3].recent.last?.text == "finished")
  }

  @Test("a pane's rate history stops when its thread ends")
  func historyStops() {
    var state = Fixtures.state(.race, threads: 2)
    var workers = Fixtures.workers(2, steps: 10)
    for step in 1...8 {
      workers[1].iterations = step * 10
      workers[2].iterations = step * 10
      state.apply(
        Sample(elapsedNs: UInt64(step) * 300_000_000, threads: workers, speed: .fast))
    }
    workers[1].state = .finished
    workers[1].span = 0...2_400_000_000
    state.apply(Sample(elapsedNs: 2_700_000_000, threads: workers, speed: .fast))
    let kept = state.panes[1].rateHistory
    for step in 10...20 {
      workers[2].iterations = step * 10
      state.apply(
        Sample(elapsedNs: UInt64(step) * 300_000_000, threads: workers, speed: .fast))
    }
    #expect(state.panes[1].rateHistory == kept)
    #expect(state.panes[2].rateHistory.count > kept.count)
  }

  @Test("a race's side panel tells its last lost update step by step")
  func story() {
    let state = Fixtures.raceWithLostUpdate()
    var canvas = Canvas(width: 32, height: 8)
    StoryWidget.render(state, in: canvas.bounds, on: &canvas)
    #expect(
      canvas.lines == [
        "┌ the last lost update ────────┐",
        "│1 Thread-2 reads 0            │",
        "│2 Thread-1 writes 5           │",
        "│3 Thread-2 writes 8, from     │",
        "│  the 0 it read               │",
        "│✗ Thread-1's +5 is lost       │",
        "│                              │",
        "└──────────────────────────────┘",
      ])
    let zh = Fixtures.raceWithLostUpdate(language: .zh)
    var chinese = Canvas(width: 32, height: 8)
    StoryWidget.render(zh, in: chinese.bounds, on: &chinese)
    #expect(chinese.line(5).hasPrefix("│✗ Thread-1 的 +5 丢了"))
  }

  @Test("a legend too long for the strip's title goes on in its bottom border, every glyph named")
  func legendTooLong() {
    let seen: [StripGlyph] = [
      .acquire, .release, .wait, .conditionWait, .put, .take, .notify, .raise,
    ]
    var state = Fixtures.state(.condition, threads: 3)
    for language in Language.allCases {
      state = Fixtures.state(.condition, threads: 3, language: language)
      state.strip.glyphsSeen = Set(seen)
      var canvas = Canvas(width: 80, height: 6)
      StripWidget.render(state, in: canvas.bounds, on: &canvas)
      let borders = canvas.line(0) + canvas.line(5)
      for glyph in seen {
        let entry = StripWidget.symbol(glyph) + " " + state.strings.legend(glyph)
        #expect(borders.contains(entry), "\(language) lacks \(entry): \(borders)")
      }
      #expect(!borders.contains("… ?"), "nothing left for the help to tell")
    }
    // Too narrow for both lines: what fits, and a pointer to the help.
    var narrow = Canvas(width: 40, height: 6)
    StripWidget.render(state, in: narrow.bounds, on: &narrow)
    #expect(narrow.line(5).contains("… ? 帮助"), "\(narrow.line(5))")
  }

  @Test("before any lost update the race's panel says what to look for")
  func storyWaiting() {
    let state = Fixtures.state(.race, threads: 2)
    var canvas = Canvas(width: 44, height: 6)
    StoryWidget.render(state, in: canvas.bounds, on: &canvas)
    #expect(canvas.line(1) == "│no lock: nothing stops the interleaving   │")
    #expect(canvas.line(2).hasPrefix("│no lost update yet"))
  }

  @Test("a lost update is marked in both lanes by two glyphs, and in both panes")
  func lostUpdateMarked() {
    let state = Fixtures.raceWithLostUpdate()
    var canvas = Canvas(width: 24, height: 4)
    StripWidget.render(state, in: canvas.bounds, on: &canvas)
    #expect(canvas.line(1) == "│Thread-1 ·········R·W✗│")
    #expect(canvas.line(2) == "│Thread-2 ··········R·!│")
    #expect(canvas[22, 2].style == Style(.lostUpdate, bold: true, reverse: true))
    #expect(
      state.panes[2].recent.last
        == PaneLine("lost update: wrote 8 over Thread-1's 5 (it had read 0)", .lostUpdate))
    #expect(state.panes[1].recent.last == PaneLine("✗ its 5 overwritten by Thread-2", .lostUpdate))
    #expect(state.panes[1].overwritten == 1)
  }

  @Test(
    "a thread parked until notified is marked in cond.wait(), a thread parked for a lock in acquire()"
  )
  func conditionParkGlyph() {
    var state = Fixtures.state(.condition, threads: 3)
    let condition = state.transcript.primitives.firstIndex { $0.kind == .condition } ?? -1
    let lock = state.transcript.primitives.firstIndex { $0.kind == .mutex } ?? -1
    state.apply(Event(time: 1, thread: 1, kind: .waiting(primitive: condition)))
    state.apply(Event(time: 2, thread: 2, kind: .waiting(primitive: lock)))
    #expect(state.strip.columns.map(\.kind) == [.conditionWait, .wait])
  }

  @Test("the strip's title carries the legend of the glyphs it shows")
  func legend() {
    let state = Fixtures.raceWithLostUpdate()
    var canvas = Canvas(width: 80, height: 4)
    StripWidget.render(state, in: canvas.bounds, on: &canvas)
    #expect(canvas.line(0).contains("R read · W write · ! overwrote · ✗ lost"))
  }

  @Test("lane labels stay unique when names are cut: the number survives")
  func uniqueLanes() {
    var state = Fixtures.state(.loop, threads: 12)
    state.apply(Fixtures.sample(threads: 12))
    var canvas = Canvas(width: 40, height: 14)
    StripWidget.render(state, in: canvas.bounds, on: &canvas)
    let labels = (1...12).map { String(canvas.line($0).dropFirst().prefix(17)) }
    #expect(Set(labels).count == 12, "\(labels)")
    #expect(labels[11].hasPrefix("LoopThread-12"))
    #expect(TextWidth.abbreviated("LoopThread-12", to: 9) == "LoopT…-12")
  }

  @Test("CJK thread names keep the pane title aligned (display width)")
  func cjkAlignment() {
    var state = Fixtures.state(.loop, threads: 2, language: .zh)
    state.apply(Fixtures.sample(threads: 2))
    state.speed = .full
    var canvas = Canvas(width: 40, height: 3)
    ThreadPaneWidget.render(state.panes[1], state, in: canvas.bounds, on: &canvas)
    let title = canvas.line(0)
    #expect(title.hasPrefix(" 循环线程-1 "))
    #expect(title.hasSuffix(" 运行中 "))
    // Paced, the same running thread is held by the pacer between steps.
    state.speed = .slow
    var paced = Canvas(width: 40, height: 3)
    ThreadPaneWidget.render(state.panes[1], state, in: paced.bounds, on: &paced)
    #expect(paced.line(0).hasSuffix(" 逐步运行 "), "\(paced.line(0))")
    // 40 cells: every cell of the row is filled, wide glyphs counted twice.
    #expect(TextWidth.of(title) == 40)
  }

  @Test("a thread that has not reported its tid shows none: never 'tid 0 · core -'")
  func noTidYet() {
    var state = Fixtures.state(.race, threads: 2)
    var before = Canvas(width: 40, height: 3)
    ThreadPaneWidget.render(state.panes[1], state, in: before.bounds, on: &before)
    #expect(!before.line(0).contains("tid"), "\(before.line(0))")
    state.apply(Fixtures.sample(threads: 2))
    var after = Canvas(width: 40, height: 3)
    ThreadPaneWidget.render(state.panes[1], state, in: after.bounds, on: &after)
    #expect(after.line(0).contains("101 · c1"), "\(after.line(0))")
  }

  @Test("a paused run marks its running threads paused")
  func pausedBadges() {
    var state = Fixtures.state(.race, threads: 2)
    state.apply(Sample(elapsedNs: 5, threads: Fixtures.workers(2), paused: true, speed: .fast))
    var canvas = Canvas(width: 40, height: 3)
    ThreadPaneWidget.render(state.panes[1], state, in: canvas.bounds, on: &canvas)
    #expect(canvas.line(0).hasSuffix(" paused "))
    var header = Canvas(width: 100, height: 1)
    HeaderWidget.render(state, in: header.bounds, on: &header)
    #expect(header.line(0).contains("‖ PAUSED"))
  }

  @Test("a slow thread's rate reads <1/s, not 0, while its iterations climb")
  func slowRate() {
    var state = Fixtures.state(.race, threads: 1)
    for second in 0...6 {
      let snapshots = [
        WorkerSnapshot(index: 0, name: "MainThread", state: .waiting),
        WorkerSnapshot(index: 1, name: "Thread-1", state: .running, iterations: second / 3),
      ]
      state.apply(Sample(elapsedNs: UInt64(second) * 1_000_000_000, threads: snapshots))
    }
    var canvas = Canvas(width: 40, height: 3)
    ThreadPaneWidget.render(state.panes[1], state, in: canvas.bounds, on: &canvas)
    // Running at full speed, the race counts a batch at a time: `~`.
    #expect(canvas.line(1).hasPrefix(" iter ~2  <1/s"), "\(canvas.line(1))")
    // Once it ended, its count is exact.
    state.apply(
      Sample(
        elapsedNs: 7_000_000_000,
        threads: [
          WorkerSnapshot(index: 0, name: "MainThread", state: .waiting),
          WorkerSnapshot(index: 1, name: "Thread-1", state: .finished, iterations: 2),
        ], finished: true))
    var ended = Canvas(width: 40, height: 3)
    ThreadPaneWidget.render(state.panes[1], state, in: ended.bounds, on: &ended)
    #expect(ended.line(1).hasPrefix(" iter 2 "), "\(ended.line(1))")
    // A scenario that counts every iteration is exact while it runs.
    var loop = Fixtures.state(.loop, threads: 1)
    loop.apply(
      Sample(
        elapsedNs: 1_000_000_000,
        threads: [
          WorkerSnapshot(index: 0, name: "MainThread", state: .waiting),
          WorkerSnapshot(index: 1, name: "LoopThread", state: .running, iterations: 2),
        ]))
    var exact = Canvas(width: 40, height: 3)
    ThreadPaneWidget.render(loop.panes[1], loop, in: exact.bounds, on: &exact)
    #expect(exact.line(1).contains("iter 2"), "\(exact.line(1))")
  }

  @Test("the story's lost amount is the victim's own change, not the balance's move since the read")
  func storyAmount() {
    var lost = LostUpdate(victim: 1, readValue: 13, overwritten: 0, written: 5)
    #expect(LostStory(writer: 2, lost).amount == -13, "unknown: what the balance lost")
    lost.victimChange = -5
    #expect(LostStory(writer: 2, lost).amount == -5)
  }

  @Test(
    "a pane shows whole events: one whose start scrolled away goes, tail and all, its start cut at a word in the rows left"
  )
  func wholeEvents() {
    var state = Fixtures.state(.race, threads: 1)
    state.panes[1].recent = [
      PaneLine("lost update: wrote 3 over Thread-2's 16 (it had read 8)", .lostUpdate),
      PaneLine("release lock"), PaneLine("finished"),
    ]
    // Title, numbers, then three rows: the lost update takes two of them.
    var canvas = Canvas(width: 40, height: 5)
    ThreadPaneWidget.render(state.panes[1], state, in: canvas.bounds, on: &canvas)
    let events = canvas.lines.suffix(3).map { $0.trimmingCharacters(in: .whitespaces) }
    #expect(events == ["lost update: wrote 3 over…", "release lock", "finished"])
    // With room for it, the whole event shows.
    var tall = Canvas(width: 40, height: 6)
    ThreadPaneWidget.render(state.panes[1], state, in: tall.bounds, on: &tall)
    #expect(tall.line(2).hasPrefix(" lost update:"))
    #expect(tall.line(3).hasPrefix("   "))
  }

  @Test("a narrow pane's numbers shrink to fit instead of running into the border")
  func statsFit() {
    var state = Fixtures.raceWithLostUpdate()
    state.panes[1].lostUpdates = 12
    state.panes[1].overwritten = 345
    state.panes[1].cpuPercent = 0.5
    for width in [26, 32, 40, 50, 70] {
      var canvas = Canvas(width: width, height: 3)
      ThreadPaneWidget.render(state.panes[1], state, in: canvas.bounds, on: &canvas)
      let line = canvas.line(1)
      #expect(line.contains("345"), "the lost counts survive at \(width)")
      #expect(line.last == " ", "nothing touches the edge at \(width): \(line)")
    }
  }

  @Test("a scheduled run says its schedule beside the main thread, at 80 columns too")
  func scheduleShown() {
    var state = Fixtures.state(.race, threads: 2)
    state.scheduleLabel = "schedule 1x3 2x2 1 2x2"
    for width in [80, 120] {
      let frame = Dashboard.render(state, width: width, height: 24)
      let main = frame.line(1)
      #expect(main.hasPrefix(" MainThread"))
      #expect(main.hasSuffix(" schedule 1x3 2x2 1 2x2 "), "at \(width): \(main)")
    }
  }

  @Test("threads the system refused are named in the footer, before dropped events")
  func refusedThreadsInFooter() {
    var state = Fixtures.state(.race, threads: 8)
    state.apply(
      Sample(elapsedNs: 1, threads: Fixtures.workers(2), droppedEvents: 7, failedThreads: 6))
    let frame = Dashboard.render(state, width: 120, height: 40)
    #expect(frame.line(39).contains("the system refused 6 threads"))
    #expect(!frame.line(39).contains("dropped events"))
    state.apply(
      Sample(
        elapsedNs: 2, threads: Fixtures.workers(2, state: .finished), balance: 0, finished: true,
        failedThreads: 6))
    let finished = Dashboard.render(state, width: 120, height: 40).lines.joined(separator: "\n")
    #expect(finished.contains("✗ not every thread ran"))
    #expect(!finished.contains("✔ correct"), "a balance half the threads never touched")
  }

  @Test("the header tabs highlight the active scenario, name its group, and fit 80 columns")
  func headerTabs() {
    var gil = Fixtures.state(.gil, threads: 2)
    gil.speed = .normal
    for width in [80, 120, 200] {
      var canvas = Canvas(width: width, height: 1)
      HeaderWidget.render(gil, in: canvas.bounds, on: &canvas)
      let line = canvas.line(0)
      #expect(line.contains(" 8 gil "), "\(width): \(line)")
      #expect(line.contains("200 ms"), "the speed stays at \(width): \(line)")
      #expect(line.contains(" 0") && line.contains("·"), "every key shows at \(width): \(line)")
      if width >= 200 {
        #expect(line.contains(" 9 condition  0 semaphore  · reorder  · split "), "\(line)")
      }
    }
    let state = Fixtures.state(.locked, threads: 2)
    var canvas = Canvas(width: 140, height: 1)
    HeaderWidget.render(state, in: canvas.bounds, on: &canvas)
    let line = canvas.line(0)
    #expect(line.contains(" 1 loop  2 race  3 locked  4 coarse  5 deadlock  6 atomic "))
    let start = line.range(of: " 3 locked ")!.lowerBound
    let column = line.distance(from: line.startIndex, to: start) + 1
    #expect(canvas[column, 0].style.role == .tabActive)
    #expect(canvas[1, 0].style.role == .title)
  }

  @Test(
    "the header's status never runs into the tabs, at any width, speed or language",
    arguments: Language.allCases)
  func headerSpacing(language: Language) {
    for scenario in Scenario.all {
      for speed in [Speed.full, .normal] {
        var state = Fixtures.state(scenario, threads: 2, language: language, speed: speed)
        state.speed = speed
        for width in 60...130 {
          var canvas = Canvas(width: width, height: 1)
          HeaderWidget.render(state, in: canvas.bounds, on: &canvas)
          let line = canvas.line(0)
          let status = state.strings.threads(2, short: true)
          let long = state.strings.cores(state.cores)
          for word in [status, long] {
            if let range = line.range(of: word), range.lowerBound > line.startIndex {
              #expect(
                line[line.index(before: range.lowerBound)] == " ",
                "\(scenario.id) \(speed) at \(width): \(line)")
            }
          }
        }
      }
    }
  }

  @Test("the coarse main thread sleeps till the workers end, where the tutorial sleeps 3 s")
  func mainThreadSleeps() {
    var state = Fixtures.state(.coarse, threads: 2)
    state.apply(Sample(elapsedNs: 1, threads: Fixtures.workers(2)))
    var canvas = Canvas(width: 80, height: 1)
    MainThreadWidget.render(state.panes[0], state, in: canvas.bounds, on: &canvas)
    #expect(canvas.line(0).contains("sleeps till the workers end (tutorial: sleep(3))"))
  }
}

@Suite("Pane lines")
struct PaneLineTests {
  @Test(
    "a pane's lines leave out the thread's own name, which its title shows, but for what the program prints"
  )
  func paneLines() {
    var state = Fixtures.state(.loop, threads: 1)
    state.apply(Event(time: 0, thread: 1, kind: .started(tid: 7, ident: 9)))
    state.apply(Event(time: 1, thread: 1, kind: .count(2)))
    state.apply(
      Event(time: 2, thread: 1, kind: .sleep(duration: 1_000_000_000, written: 1_000_000_000)))
    #expect(
      state.panes[1].recent.map(\.text) == ["started", "Thread LoopThread >>> 2", "time.sleep(1)"])
  }

  @Test("a sleep the pace stretches or shortens says what the code asked for, in every language")
  func pacedSleep() {
    for (language, paced, unpaced) in [
      (Language.en, "time.sleep(0.1), stretched to 150 ms to match the speed", "time.sleep(1)"),
      (Language.zh, "time.sleep(0.1)：为便于观看延长为 150 ms", "time.sleep(1)"),
    ] {
      var state = Fixtures.state(.coarse, threads: 1, language: language)
      state.apply(
        Event(time: 1, thread: 1, kind: .sleep(duration: 150_000_000, written: 100_000_000)))
      // At full speed or driven a sleep takes no time: the code's figure alone.
      state.apply(Event(time: 2, thread: 1, kind: .sleep(duration: 0, written: 1_000_000_000)))
      #expect(Array(state.panes[1].recent.map(\.text).suffix(2)) == [paced, unpaced])
    }
  }

  @Test("a long event line breaks at a word and keeps its numbers")
  func wrapsAtWords() throws {
    let state = Fixtures.raceWithLostUpdate()
    var canvas = Canvas(width: 32, height: 8)
    ThreadPaneWidget.render(state.panes[2], state, in: canvas.bounds, on: &canvas)
    let rows = canvas.lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }
    let at = try #require(rows.firstIndex(of: " lost update: wrote 8 over"), "\(rows)")
    #expect(rows[at + 1] == "   Thread-1's 5 (it had read 0)")
  }

  @Test(
    "the scenario list cuts a blurb that does not fit at a word, with …",
    arguments: Language.allCases)
  func pickerBlurbs(language: Language) {
    let state = Fixtures.state(.race, threads: 2, language: language)
    var canvas = Canvas(width: 80, height: 24)
    PickerWidget.render(1, state, on: &canvas)
    for scenario in Scenario.all {
      let blurb = state.strings.blurb(scenario)
      let marker = " " + scenario.id + " "
      guard let row = canvas.lines.first(where: { $0.contains(marker) }),
        let start = row.range(of: marker)
      else {
        Issue.record("\(scenario.id) is not listed")
        continue
      }
      let shown = String(row[start.upperBound...].drop { $0 == " " }.prefix { $0 != "│" })
        .trimmingCharacters(in: .whitespaces)
      if shown.hasSuffix("…") {
        let kept = String(shown.dropLast())
        #expect(blurb.hasPrefix(kept), "\(scenario.id): \(shown)")
        // What follows the cut starts a new word (or a new CJK character).
        let next = blurb.dropFirst(kept.count).first { $0 != " " }
        let wordEnded =
          blurb.dropFirst(kept.count).first == " "
          || kept.last.map { TextWidth.of(String($0)) == 2 }
            == true
          || next.map { TextWidth.of(String($0)) == 2 } == true
        #expect(wordEnded, "\(scenario.id) cut mid-word: \(shown)")
      } else {
        #expect(shown == blurb, "\(scenario.id): \(shown)")
      }
    }
  }
}

@Suite("A pane's tail")
struct PaneTailTests {
  @Test("an event taller than the pane shows its beginning cut with …, never its end alone")
  func tallEvent() {
    let state = Fixtures.state(.condition, threads: 3, language: .zh)
    var pane = ThreadPane(index: 1, name: "Thread-1")
    pane.add(PaneLine("put 1"))
    pane.add(PaneLine(state.strings.hang(waiting: 2), .deadlock))
    let rows = ThreadPaneWidget.tail(pane, state, width: 24, room: 1)
    #expect(rows.count == 1)
    #expect(rows[0].text.hasPrefix("挂起"), "\(rows)")
    #expect(rows[0].text.hasSuffix("…"), "\(rows)")
    #expect(TextWidth.of(rows[0].text) <= 23)
    // Room for the whole event: all of it, nothing cut.
    let whole = ThreadPaneWidget.tail(pane, state, width: 24, room: 6)
    #expect(!whole.contains { $0.text.hasSuffix("…") }, "\(whole)")
    #expect(whole.contains { $0.text.contains("notify") })
  }
}
