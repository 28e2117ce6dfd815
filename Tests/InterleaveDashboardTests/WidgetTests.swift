import InterleaveRuntime
import Testing

@testable import InterleaveDashboard

@Suite("Widgets")
struct WidgetTests {
  @Test("the gauge shows the bar from the expected value, the numbers and the verdict")
  func gauge() {
    var state = Fixtures.state(.race, threads: 2)
    state.balance = BalanceView(value: 5, expected: 0, minimum: -3, maximum: 8, lostUpdates: 3)
    state.runState = .finished
    var canvas = Canvas(width: 32, height: 7)
    GaugeWidget.render(state, in: canvas.bounds, on: &canvas)
    #expect(
      canvas.lines == [
        "┌ balance ─────────────────────┐",
        "│──────────────┼█████████──────│",
        "│balance 5  expected 0         │",
        "│drift +5  lost updates 3      │",
        "│✘ wrong by +5                 │",
        "│min -3  max 8                 │",
        "└──────────────────────────────┘",
      ])
    #expect(canvas[16, 1].style.role == .gaugeDrift)
    #expect(canvas[1, 4].style.role == .gaugeDrift)
  }

  @Test("a correct run says so, with the marker on the centre")
  func gaugeCorrect() {
    var state = Fixtures.state(.locked, threads: 2)
    state.balance = BalanceView(value: 0, expected: 0, minimum: 0, maximum: 13, lostUpdates: nil)
    state.runState = .finished
    var canvas = Canvas(width: 32, height: 7)
    GaugeWidget.render(state, in: canvas.bounds, on: &canvas)
    #expect(canvas.line(1) == "│──────────────┼───────────────│")
    #expect(canvas.line(2) == "│balance 0  expected 0         │")
    #expect(canvas.line(3) == "│drift 0                       │")
    #expect(canvas.line(4) == "│lost: not traced at full speed│")
    #expect(canvas.line(5) == "│✔ correct                     │")
    #expect(canvas[1, 5].style.role == .gaugeOK)
  }

  @Test("the lock panel draws the deadlock cycle and who owns and waits")
  func lockPanelDeadlock() {
    var state = Fixtures.state(.deadlock, threads: 2)
    state.deadlock = DeadlockCycle(links: [
      .init(thread: 1, holds: 1, waits: 0), .init(thread: 2, holds: 0, waits: 1),
    ])
    state.locks = [
      LockSnapshot(id: 0, name: "A", owner: 2, waiters: [1], acquisitions: 4, contended: 1),
      LockSnapshot(id: 1, name: "B", owner: 1, waiters: [2], acquisitions: 4),
    ]
    var canvas = Canvas(width: 40, height: 14)
    LockPanelWidget.render(state, in: canvas.bounds, on: &canvas)
    let lines = canvas.lines
    #expect(lines[0] == "┌ locks ───────────────────────────────┐")
    #expect(lines[1] == "│✗ DEADLOCK: the waits form a cycle    │")
    #expect(lines[2] == "│ Thread-1 holds B, waits A            │")
    #expect(lines[3] == "│ -> Thread-2 holds A, waits B         │")
    #expect(lines[4] == "│ -> back to Thread-1                  │")
    #expect(lines[5] == "│A owner Thread-2                      │")
    #expect(lines[6] == "│ waiters: Thread-1                    │")
    #expect(lines[7] == "│ acq 4  contended 25%  timeouts 0     │")
    #expect(canvas[2, 2].style.role == .deadlock)
  }

  @Test("a race has no lock panel rows, and says why")
  func lockPanelRace() {
    let state = Fixtures.state(.race, threads: 2)
    var canvas = Canvas(width: 44, height: 4)
    LockPanelWidget.render(state, in: canvas.bounds, on: &canvas)
    #expect(canvas.line(1) == "│no lock: nothing stops the interleaving   │")
  }

  @Test("a lost update is marked in both lanes of the strip and both panes")
  func lostUpdateMarked() {
    var state = Fixtures.state(.race, threads: 2)
    state.apply(Fixtures.sample(threads: 2, speed: .fast))
    let events: [EventKind] = [
      .read(value: 0), .read(value: 0), .write(value: 5), .write(value: 8),
    ]
    for (offset, kind) in events.enumerated() {
      state.apply(Event(time: UInt64(offset), thread: [1, 2, 1, 2][offset], kind: kind))
    }
    state.apply(
      Event(
        time: 9, thread: 2,
        kind: .lostUpdate(LostUpdate(victim: 1, readValue: 0, overwritten: 5, written: 8))))
    var canvas = Canvas(width: 24, height: 4)
    StripWidget.render(state, in: canvas.bounds, on: &canvas)
    #expect(canvas.line(1) == "│Thread-1    ······R·W✗│")
    #expect(canvas.line(2) == "│Thread-2    ·······R·✗│")
    #expect(
      state.panes[2].recent.last
        == PaneLine("lost update: wrote 8 over Thread-1's 5 (it had read 0)", .lostUpdate))
    #expect(state.panes[1].recent.last == PaneLine("✗ its 5 overwritten by Thread-2", .lostUpdate))
    #expect(state.panes[1].overwritten == 1)
  }

  @Test("CJK thread names keep the pane title aligned (display width)")
  func cjkAlignment() {
    var state = Fixtures.state(.loop, threads: 2, language: .zh)
    state.apply(Fixtures.sample(threads: 2, speed: .fast))
    var canvas = Canvas(width: 40, height: 3)
    ThreadPaneWidget.render(state.panes[1], state, in: canvas.bounds, on: &canvas)
    let title = canvas.line(0)
    #expect(title.hasPrefix(" 循环线程-1 "))
    #expect(title.hasSuffix(" 运行中 "))
    // 40 cells: every cell of the row is filled, wide glyphs counted twice.
    #expect(TextWidth.of(title) == 40)
  }

  @Test("a scheduled run says its seed in the header")
  func headerSeed() {
    var state = Fixtures.state(.race, threads: 2)
    state.scheduleLabel = "seed 4"
    var canvas = Canvas(width: 120, height: 1)
    HeaderWidget.render(state, in: canvas.bounds, on: &canvas)
    #expect(canvas.line(0).contains("seed 4 · ● running"))
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
        elapsedNs: 2, threads: Fixtures.workers(2, state: .finished), balance: 0,
        expectedBalance: 0, finished: true, failedThreads: 6))
    let finished = Dashboard.render(state, width: 120, height: 40).lines.joined(separator: "\n")
    #expect(finished.contains("✘ not every thread ran"))
    #expect(!finished.contains("✔ correct"), "a balance half the threads never touched")
  }

  @Test("the header tabs highlight the active scenario")
  func headerTabs() {
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
}

extension Fixtures {
  static func sample(threads: Int, speed: Speed) -> Sample {
    Sample(elapsedNs: 1_000_000_000, threads: workers(threads), speed: speed)
  }
}

@Suite("Pane lines")
struct PaneLineTests {
  @Test("a pane's lines leave out the thread's own name, which its title shows")
  func paneLines() {
    var state = Fixtures.state(.loop, threads: 1)
    state.apply(Event(time: 0, thread: 1, kind: .started(tid: 7, ident: 9)))
    state.apply(Event(time: 1, thread: 1, kind: .count(2)))
    state.apply(Event(time: 2, thread: 1, kind: .sleep(duration: 200_000_000)))
    #expect(state.panes[1].recent.map(\.text) == ["started", ">>> 2", "sleep 200 ms"])
  }
}
