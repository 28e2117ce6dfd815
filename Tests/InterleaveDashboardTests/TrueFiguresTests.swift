import InterleaveRuntime
import InterleaveText
import Testing

@testable import InterleaveDashboard

/// What the dashboard shows is true at the moment it is shown.
@Suite("True figures")
struct TrueFiguresTests {
  /// Workers 1 and 2 at `steps` each, running at full speed.
  static func fullSpeed(_ steps: [Int], elapsed: UInt64, finished: Bool = false) -> Sample {
    let workers =
      [WorkerSnapshot(index: 0, name: "MainThread", state: .waiting)]
      + steps.enumerated().map {
        WorkerSnapshot(
          index: $0.offset + 1, name: "Thread-\($0.offset + 1)", state: .running,
          steps: $0.element, iterations: $0.element / 4)
      }
    return Sample(elapsedNs: elapsed, threads: workers, finished: finished, speed: .full)
  }

  static func strip(_ state: DashboardState, width: Int = 30) -> Canvas {
    var canvas = Canvas(width: width, height: 4)
    StripWidget.render(state, in: canvas.bounds, on: &canvas)
    return canvas
  }

  @Test("at full speed two threads that both progressed in a frame share its column")
  func bothRanAtOnce() {
    var state = Fixtures.state(.race, threads: 2, speed: .full)
    for frame in 1...5 {
      state.apply(
        Self.fullSpeed([frame * 1_000, frame * 1_000], elapsed: UInt64(frame) * 16_000_000))
    }
    let canvas = Self.strip(state)
    let one = canvas.line(1)
    let two = canvas.line(2)
    #expect(one.hasSuffix("■■■■■│"), "Thread-1: \(one)")
    #expect(two.hasSuffix("■■■■■│"), "Thread-2: \(two)")
  }

  @Test("at full speed a thread that made no progress in a frame gets no mark in it")
  func onlyWhoRan() {
    var state = Fixtures.state(.race, threads: 2, speed: .full)
    state.apply(Self.fullSpeed([100, 100], elapsed: 16_000_000))
    // Thread-2 waits (no progress) while Thread-1 runs.
    state.apply(Self.fullSpeed([200, 100], elapsed: 32_000_000))
    state.apply(Self.fullSpeed([300, 100], elapsed: 48_000_000))
    let canvas = Self.strip(state)
    #expect(canvas.line(1).hasSuffix("■■■│"))
    #expect(canvas.line(2).hasSuffix("■··│"))
  }

  @Test("min and max from frame samples say they are sampled, and count the start at 0")
  func sampledRange() {
    var state = Fixtures.state(.race, threads: 2, speed: .full)
    var sample = Self.fullSpeed([100, 100], elapsed: 16_000_000)
    sample.balance = 23
    state.apply(sample)
    let text = WidgetTests.gauge(state, width: 40).lines.joined(separator: "\n")
    #expect(text.contains("sampled min 0  max 23"), "\(text)")
    var zh = Fixtures.state(.race, threads: 2, language: .zh, speed: .full)
    zh.apply(sample)
    #expect(WidgetTests.gauge(zh, width: 40).lines.joined().contains("抽样：最小 0  最大 23"))
  }

  @Test("a traced run's range comes from every write, and is not called sampled")
  func tracedRange() {
    var state = Fixtures.state(.race, threads: 2)
    state.apply(Fixtures.sample(threads: 2))
    for (thread, value) in [(1, 5), (2, -8), (1, 0)] {
      state.apply(Event(time: 1, thread: thread, kind: .write(value: value)))
    }
    let text = WidgetTests.gauge(state, width: 40).lines.joined(separator: "\n")
    #expect(text.contains("min -8  max 5"))
    #expect(!text.contains("sampled"))
  }

  @Test("a finished thread's rate is its own count over its own time, not 0/s")
  func finishedRate() {
    var state = Fixtures.state(.race, threads: 1, speed: .full)
    for second in 0...8 {
      var worker = WorkerSnapshot(
        index: 1, name: "Thread-1", state: .finished, steps: 4_000_000, iterations: 1_000_000)
      worker.span = 100_000_000...600_000_000
      state.apply(
        Sample(
          elapsedNs: UInt64(second) * 1_000_000_000,
          threads: [WorkerSnapshot(index: 0, name: "MainThread", state: .finished), worker],
          finished: true, speed: .full))
    }
    #expect(state.panes[1].rate == 2_000_000)
    var canvas = Canvas(width: 60, height: 4)
    ThreadPaneWidget.render(state.panes[1], state, in: canvas.bounds, on: &canvas)
    #expect(canvas.line(1).contains("iter 1,000,000  avg 2.0 M/s"), "\(canvas.line(1))")
  }

  @Test("a paced run shows no rate (the pace sets it), a full-speed one does, in every language")
  func rateOnlyAtFullSpeed() {
    for language in Language.allCases {
      for speed in [Speed.fast, .normal, .full] {
        var state = Fixtures.state(.race, threads: 1, language: language, speed: speed)
        for (steps, elapsed) in [(400, UInt64(1_000_000_000)), (800, 2_000_000_000)] {
          var sample = Self.fullSpeed([steps], elapsed: elapsed)
          sample.speed = speed
          state.apply(sample)
        }
        var canvas = Canvas(width: 60, height: 4)
        ThreadPaneWidget.render(state.panes[1], state, in: canvas.bounds, on: &canvas)
        #expect(canvas.line(1).contains("/s") == (speed == .full), "\(speed): \(canvas.line(1))")
      }
    }
  }

  @Test("the help says what each figure counts where the screen has room for all of it")
  func helpDefinesFigures() {
    for language in Language.allCases {
      var state = Fixtures.state(.race, threads: 2, language: language)
      state.showHelp = true
      let big = Dashboard.render(state, width: 120, height: 40).lines.joined(separator: "\n")
      for (name, meaning) in state.strings.figureDefinitions {
        #expect(big.contains(name) && big.contains(meaning), "\(language) lacks \(name)")
      }
      // At 80x24 the keys and glyphs fill the box: the figures are left
      // out whole rather than cut.
      let small = Dashboard.render(state, width: 80, height: 24).lines.joined(separator: "\n")
      #expect(!small.contains(state.strings.figureDefinitions[0].1))
      #expect(small.contains(state.strings.figuresElsewhere), "\(small)")
    }
  }

  @Test(
    "the side boxes share the column by need: with a three-line caption at 80x24, a deadlock shows both owners and the balance"
  )
  func sideByNeed() {
    for language in Language.allCases {
      var state = WidgetTests.deadlocked(language)
      state.apply(Fixtures.sample(threads: 2))
      state.deadlock = WidgetTests.deadlocked(language).deadlock
      state.primitives = WidgetTests.deadlocked(language).primitives
      state.caption = String(repeating: "A caption long enough to take three lines. ", count: 5)
      let text = Dashboard.render(state, width: 80, height: 24).lines.joined(separator: "\n")
      let owner = language == .en ? ["A owner Thread-2", "B owner Thread-1"] : ["A 持有者", "B 持有者"]
      for line in owner { #expect(text.contains(line), "\(language) lacks \(line):\n\(text)") }
      #expect(text.contains("balance 0"), "\(text)")
    }
    // Both fit: the lower box its need, the upper the rest; else the lower
    // at least half, the upper whole where it can be.
    #expect(Dashboard.lowerRows(total: 14, upper: 8, lower: 5) == 5)
    #expect(Dashboard.lowerRows(total: 12, upper: 10, lower: 7) == 6)
    #expect(Dashboard.lowerRows(total: 12, upper: 4, lower: 9) == 8)
  }

  @Test(
    "let go at full speed part-way: panes say their steps stop being listed, traced losses stay counted, no average mixes in the pace"
  )
  func letGoPartWay() {
    var state = Fixtures.state(.race, threads: 2, speed: .normal)
    var paced = Self.fullSpeed([400, 400], elapsed: 1_000_000_000)
    paced.speed = .normal
    paced.lostUpdates = 3
    paced.threads[1].lostUpdates = 3
    state.apply(paced)
    var free = Self.fullSpeed([4_000_000, 4_000_000], elapsed: 2_000_000_000, finished: true)
    free.threads[1].lostUpdates = 3
    for index in 1...2 { free.threads[index].span = 0...2_000_000_000 }
    free.balance = 1
    state.apply(free)
    #expect(state.panes[1].recent.last?.text == "full speed: steps no longer listed")
    // Let go by a key, before any sample says so: said once, at the key.
    var keyed = Fixtures.state(.race, threads: 2, speed: .normal)
    keyed.apply(paced)
    keyed.changeSpeed(to: .full)
    var running = Self.fullSpeed([500, 500], elapsed: 1_100_000_000)
    running.threads[1].lostUpdates = 3
    keyed.apply(running)
    #expect(
      keyed.panes[1].recent.filter { $0.text == "full speed: steps no longer listed" }.count == 1)
    // Steps traced before the key reach the panes after it: they go above
    // the notice, which stays under the last step listed.
    keyed.apply(Event(time: 0, thread: 1, kind: .read(value: 5)))
    keyed.apply(Event(time: 0, thread: 1, kind: .write(value: 10)))
    #expect(keyed.panes[1].recent.last?.text == "full speed: steps no longer listed")
    #expect(keyed.panes[1].recent.dropLast().last?.text == "write balance = 10")
    let text = Dashboard.render(state, width: 120, height: 40).lines.joined(separator: "\n")
    #expect(text.contains("lost updates ≥ 3, then untraced"), "\(text)")
    // The pane's counts are the traced part's too: at least.
    #expect(text.contains("overwrote ≥3 · overwritten ≥0"), "\(text)")
    #expect(!text.contains("overwrote 3 "), "\(text)")
    #expect(!text.contains("avg"), "\(text)")
    #expect(!text.contains("cores busy 2.0"), "\(text)")
  }

  @Test("while paused the footer offers to run, not to pause")
  func footerWhilePaused() {
    var state = Fixtures.state(.race, threads: 2)
    state.apply(Sample(elapsedNs: 5, threads: Fixtures.workers(2), paused: true, speed: .fast))
    var canvas = Canvas(width: 80, height: 1)
    FooterWidget.render(state, in: canvas.bounds, on: &canvas)
    #expect(canvas.line(0).contains("space run"))
    state.apply(Sample(elapsedNs: 6, threads: Fixtures.workers(2), paused: false, speed: .fast))
    FooterWidget.render(state, in: canvas.bounds, on: &canvas)
    #expect(canvas.line(0).contains("space pause"))
  }

  @Test("the loop's pane shows what the seed prints: current_thread().name >>> n")
  func loopPrintsName() {
    var state = Fixtures.state(.loop, threads: 1, language: .zh)
    state.apply(Fixtures.sample(threads: 1))
    state.apply(Event(time: 1, thread: 1, kind: .count(2)))
    #expect(state.panes[1].recent.last?.text == "线程 循环线程 >>> 2")
  }

  @Test("at full speed the strip says how many workers ran at once, sampled until all have ended")
  func atOnce() {
    var state = Fixtures.state(.race, threads: 2, speed: .full)
    var live = Self.fullSpeed([100, 100], elapsed: 16_000_000)
    live.cpuByTid = [1: 0.97, 2: 0.93]
    live.threads[1].tid = 1
    live.threads[2].tid = 2
    state.apply(live)
    #expect(Self.strip(state, width: 80).line(0).contains("~cores busy 1.9/2"))
    var ended = Self.fullSpeed([200, 200], elapsed: 32_000_000, finished: true)
    for index in 1...2 {
      ended.threads[index].state = .finished
      ended.threads[index].span = 0...100_000_000
      ended.threads[index].cpuNs = 60_000_000
    }
    state.apply(ended)
    let title = Self.strip(state, width: 80).line(0)
    #expect(title.contains("cores busy 1.2/2") && !title.contains("~"), "\(title)")
  }

  @Test("cores busy is out of the most that could run at once: no more than the cores")
  func coresBusyDenominator() {
    var state = Fixtures.state(.race, threads: 4, speed: .full)
    state.apply(Self.fullSpeed([4_000, 4_000, 4_000, 4_000], elapsed: 1_000_000_000))
    state.parallelism = Parallelism(value: 1.6, sampled: true)
    let title = Self.strip(state, width: 120).line(0)
    #expect(title.contains("cores busy 1.6/2"), "\(title)")
  }

  @Test(
    "a speed chosen once the run is over is the next run's: the ended run's pace and story stay")
  func speedAfterTheEnd() {
    for language in [Language.en, .zh] {
      var state = Fixtures.state(.race, threads: 2, language: language, speed: .full)
      state.apply(
        Sample(
          elapsedNs: 14_000_000, threads: Fixtures.workers(2, state: .finished), balance: 149,
          finished: true, speed: .full))
      let strings = state.strings
      state.changeSpeed(to: .delay(1_000_000))
      // The run's own sample after the key carries the new speed too.
      state.apply(
        Sample(
          elapsedNs: 14_000_000, threads: Fixtures.workers(2, state: .finished), balance: 149,
          finished: true, speed: .delay(1_000_000)))
      #expect(state.speed == .full)
      #expect(state.strip.sampled, "the ended run went untraced")
      var header = Canvas(width: 120, height: 1)
      HeaderWidget.render(state, in: header.bounds, on: &header)
      let next = strings.paceThenNext(strings.fullSpeed, next: strings.perStep("1 ms"))
      #expect(header.line(0).contains(next), "\(header.line(0))")
      var story = Canvas(width: 40, height: 8)
      StoryWidget.render(state, in: story.bounds, on: &story)
      #expect(
        !story.lines.contains { $0.contains(strings.storyWaiting.prefix(10)) }, "\(story.lines)")
      // Back to the run's own speed: nothing to say about the next.
      state.changeSpeed(to: .full)
      #expect(state.nextSpeed == nil)
    }
  }
}

@Suite("What the balance lacks")
struct UpdateChainTests {
  /// Lesson 2's run: Thread-2's +8 is overwritten by Thread-1's -5, then
  /// Thread-2 writes its -8 from the 13 it read before: the +8 is back,
  /// and Thread-1's -5 is lost instead.
  static func comesBack(_ state: inout DashboardState) {
    func read(_ thread: Int, _ value: Int) {
      state.apply(Event(time: 0, thread: thread, kind: .read(value: value)))
    }
    func write(_ thread: Int, _ value: Int) {
      state.apply(Event(time: 0, thread: thread, kind: .write(value: value)))
    }
    read(1, 0)
    write(1, 5)
    read(2, 5)
    read(1, 5)
    write(2, 13)
    read(2, 13)
    write(1, 0)  // over Thread-2's 13: its +8 is lost
    write(2, 5)  // from the 13: the +8 is back, Thread-1's -5 lost
  }

  @Test(
    "a loss built on again by a stale read comes back: the gauge says what is missing now, which the drift undoes"
  )
  func lossComesBack() {
    var state = Fixtures.state(.race, threads: 2)
    Self.comesBack(&state)
    state.balance.value = 5
    state.balance.lostUpdates = 2
    #expect(state.balance.missingCount == 1)
    #expect(state.balance.missingChanges == [-5])
    let text = WidgetTests.gauge(state, width: 44).lines.joined(separator: "\n")
    #expect(text.contains("lost updates 2, now missing -5"), "\(text)")
  }

  @Test("let go at full speed, the verdict does not count what the traced part left missing")
  func untracedVerdict() {
    var state = Fixtures.state(.race, threads: 2)
    Self.comesBack(&state)
    #expect(state.balance.missingCount == 1)
    // Then untraced at full speed, ending right: nothing counted says a
    // loss stays in it (the drift is exact), so no "lost by luck".
    state.balance.value = 0
    state.balance.lostUpdates = nil
    state.phase = .finished
    let text = WidgetTests.gauge(state, width: 44).lines.joined(separator: "\n")
    #expect(!text.contains("luck"), "\(text)")
    #expect(text.contains("as expected (not proof)"), "\(text)")
  }

  @Test("one stale write can leave out several updates; two that cancel are not said missing")
  func severalLeftOut() {
    var state = Fixtures.state(.race, threads: 2)
    for (thread, kind) in [
      (1, EventKind.read(value: 0)), (2, .read(value: 0)), (2, .write(value: 8)),
      (2, .read(value: 8)), (2, .write(value: 0)), (1, .write(value: 5)),
    ] {
      state.apply(Event(time: 0, thread: thread, kind: kind))
    }
    // Thread-2's +8 and -8 are both left out: together they take nothing
    // from the balance (5, as Thread-1's write alone gives).
    #expect(state.balance.missingChanges == [])
    #expect(state.balance.missingCount == 0)
    // A third write left out that does not cancel is said, alone.
    for (thread, kind) in [
      (2, EventKind.read(value: 5)), (1, .read(value: 5)), (2, .write(value: 13)),
      (1, .write(value: 0)),
    ] {
      state.apply(Event(time: 0, thread: thread, kind: kind))
    }
    #expect(state.balance.missingChanges == [8])
    #expect(state.balance.missingCount == 1)
    #expect(state.balance.missingChanges.reduce(0, +) == 5 + 8 - 5)
    state.balance.value = 0
    state.balance.lostUpdates = 1
    state.balance.missingCount = 0
    let none = WidgetTests.gauge(state, width: 44).lines.joined(separator: "\n")
    #expect(none.contains("lost updates 1, none missing now"), "\(none)")
    state.balance.missingCount = 5
    state.balance.missingChanges = []
    let many = WidgetTests.gauge(state, width: 44).lines.joined(separator: "\n")
    #expect(many.contains("lost updates 1, now missing 5 changes"), "\(many)")
  }
}
