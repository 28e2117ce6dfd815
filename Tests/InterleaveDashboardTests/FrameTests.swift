import InterleaveRuntime
import InterleaveTestSupport
import InterleaveText
import Testing

@testable import InterleaveDashboard

@Suite("Whole frames")
struct FrameTests {
  static let sizes = [(80, 24), (120, 40), (200, 60)]

  /// A run of `scenario` two seconds in, as its real runs look: a few
  /// events of its kind, its primitives as their kind reports them, and its
  /// own figures (a condition has waiters, not an owner; the bounded buffer
  /// has its box, not "no balance").
  static func scene(_ scenario: Scenario, threads: Int = 2, language: Language = .en)
    -> DashboardState
  {
    var state =
      scenario == .race
      ? Fixtures.raceWithLostUpdate(threads: threads, language: language)
      : Fixtures.state(scenario, threads: threads, language: language)
    for (offset, event) in events(scenario).enumerated() {
      state.apply(Event(time: UInt64(offset), thread: event.0, kind: event.1))
    }
    let primitives = state.primitiveSpecs.enumerated().map { id, spec in
      primitive(scenario, id: id, spec: spec, threads: threads)
    }
    state.apply(
      Sample(
        elapsedNs: 2_000_000_000, threads: Fixtures.workers(threads), primitives: primitives,
        balance: scenario.traits.usesBalance ? 8 : nil, speed: .fast,
        lostUpdates: scenario.traits.tracksLostUpdates ? (scenario == .race ? 1 : 0) : nil,
        figures: figures(scenario, RunConfiguration(scenario: scenario, threads: threads))))
    return state
  }

  /// What each thread of `scenario` did last, by thread.
  static func events(_ scenario: Scenario) -> [(Int, EventKind)] {
    switch scenario.id {
    case "loop":
      return [
        (1, .started(tid: 101, ident: 1)), (1, .count(2)),
        (1, .sleep(duration: 5_000_000, written: 0)),
      ]
    case "locked", "coarse", "split":
      return [
        (1, .acquired(primitive: 0, waited: 0)), (2, .waiting(primitive: 0)), (1, .read(value: 0)),
      ]
    case "deadlock":
      return [
        (1, .acquired(primitive: 1, waited: 0)), (2, .acquired(primitive: 0, waited: 0)),
        (1, .waiting(primitive: 0)), (2, .waiting(primitive: 1)),
      ]
    case "atomic":
      return [(1, .atomicAdd(amount: 5, result: 5)), (2, .atomicAdd(amount: 8, result: 13))]
    case "condition":
      return [
        (1, .acquired(primitive: 0, waited: 0)), (1, .put(items: 1)),
        (1, .notify(primitive: 1, all: true, woken: 0)), (2, .waiting(primitive: 0)),
      ]
    case "semaphore":
      return [
        (1, .acquired(primitive: 0, waited: 0)), (1, .inUse(delta: 1, count: 1)),
        (2, .acquired(primitive: 0, waited: 0)), (2, .inUse(delta: 1, count: 2)),
      ]
    case "gil":
      return [
        (1, .acquired(primitive: 0, waited: 0)), (1, .bytecode(.loadFast)),
        (1, .bytecode(.binaryOp(add: true))), (2, .waiting(primitive: 0)),
      ]
    case "reorder":
      return [
        (1, .store(cell: 0, value: 1)), (2, .store(cell: 1, value: 1)),
        (1, .load(cell: 1, value: 0)), (2, .load(cell: 0, value: 0)),
      ]
    case "process":
      return [(1, .spawned(pid: 4242)), (2, .spawned(pid: 4243))]
    default: return []
    }
  }

  /// Primitive `id` as its kind reports it in such a run.
  static func primitive(_ scenario: Scenario, id: Int, spec: PrimitiveSpec, threads: Int)
    -> PrimitiveSnapshot
  {
    let other = threads > 1 ? [2] : []
    switch spec.kind {
    case .mutex:
      // The deadlock's two locks each held by one thread, waited for by the other.
      let (holders, waiters) =
        scenario == .deadlock ? (id == 0 ? ([2], [1]) : ([1], [2])) : ([1], other)
      return PrimitiveSnapshot(
        id: id, name: spec.name, holders: holders, waiters: waiters, acquisitions: 3,
        contended: 1, totalWaitNs: 2_000_000, maxWaitNs: 2_000_000,
        totalHoldNs: 1_000_000_000)
    case .condition:
      // `acquisitions` counts the waits; nobody owns a condition.
      var condition = PrimitiveSnapshot(
        id: id, name: spec.name, kind: .condition, acquisitions: 1, totalWaitNs: 2_000_000,
        maxWaitNs: 2_000_000)
      condition.notifies = 3
      return condition
    case .semaphore:
      let held = min(threads, spec.permits)
      var semaphore = PrimitiveSnapshot(
        id: id, name: spec.name, kind: .semaphore, holders: Array(1..<held + 1),
        acquisitions: 4, contended: 1, totalWaitNs: 2_000_000, maxWaitNs: 2_000_000,
        totalHoldNs: 1_000_000_000)
      semaphore.capacity = spec.permits
      semaphore.permits = spec.permits - held
      return semaphore
    }
  }

  /// The scenario's own figures two seconds in (the seed's have none).
  static func figures(_ scenario: Scenario, _ configuration: RunConfiguration) -> [ScenarioFigure] {
    let options = configuration.options
    switch scenario.id {
    case "condition": return [.buffer(items: 1, capacity: 1, produced: 3, consumed: 2)]
    case "semaphore": return [.concurrency(now: 2, most: 2, limit: options.permits)]
    case "gil":
      return [
        .gil(holder: 1, switches: 12, rule: options.gilSwitch, intervalNs: options.switchInterval)
      ]
    case "reorder":
      return [
        .outcomes(
          [
            OutcomeCount(r1: 0, r2: 1, count: 480, predicted: true),
            OutcomeCount(r1: 1, r2: 0, count: 470, predicted: true),
            OutcomeCount(r1: 1, r2: 1, count: 30, predicted: true),
            OutcomeCount(r1: 0, r2: 0, count: 20, predicted: false),
          ], trials: 1000, fenced: false, cpus: 2)
      ]
    case "process":
      return [
        .processes([
          ChildProcess(worker: 1, pid: 4242, balance: 5, ended: false),
          ChildProcess(worker: 2, pid: 4243, balance: 8, ended: false),
        ])
      ]
    default: return []
    }
  }

  @Test(
    "every scenario at 80x24 and 120x40, as a whole frame below the tab row; in the tab row its own tab is the active one",
    arguments: Scenario.all)
  func scenarios(scenario: Scenario) {
    for (width, height) in [(80, 24), (120, 40)] {
      let frame = Dashboard.render(Self.scene(scenario), width: width, height: height)
      // The tab row differs between scenarios only in which tab is active:
      // it has a snapshot of its own (`tabRow`).
      Snapshot.check(
        Snapshot.text(frame, rows: 1..<height), named: "\(scenario.id)-\(width)x\(height)")
      let active = (0..<width).filter { frame[$0, 0].style.role == .tabActive }
      let label = active.map { frame[$0, 0].text }.joined()
      #expect(label.split(separator: " ").map(String.init).last == scenario.id, "\(label)")
    }
  }

  @Test("the tab row, with race active, at 80x24 and 120x40")
  func tabRow() {
    let rows = [(80, 24), (120, 40)].map { width, height in
      Snapshot.text(Dashboard.render(Self.scene(.race), width: width, height: height), rows: 0..<1)
    }
    Snapshot.check(rows.joined(), named: "tab-row")
  }

  @Test("the race in Chinese at 80x24")
  func chinese() {
    Snapshot.check(
      Dashboard.render(Self.scene(.race, language: .zh), width: 80, height: 24),
      named: "race-zh-80x24")
  }

  @Test("help, a paused run, a finished one, a lesson caption, too small")
  func states() {
    var help = Self.scene(.race)
    help.showHelp = true
    Snapshot.check(Dashboard.render(help, width: 80, height: 24), named: "help-80x24")

    var paused = Self.scene(.locked)
    paused.apply(
      Sample(elapsedNs: 2_000_000_000, threads: Fixtures.workers(2), paused: true, speed: .fast))
    Snapshot.check(Dashboard.render(paused, width: 80, height: 24), named: "paused-80x24")

    var finished = Self.scene(.race)
    finished.apply(
      Sample(
        elapsedNs: 3_000_000_000, threads: Fixtures.workers(2, state: .finished), balance: 8,
        finished: true, speed: .fast, lostUpdates: 1))
    Snapshot.check(Dashboard.render(finished, width: 80, height: 24), named: "finished-80x24")

    var caption = Self.scene(.race)
    caption.caption =
      "Now truly parallel at full speed, 1,000,000 times each, on every core: the balance drifts away from 0."
    caption.notice = "lesson The race: lost updates · 4/6"
    Snapshot.check(Dashboard.render(caption, width: 80, height: 24), named: "caption-80x24")

    Snapshot.check(Dashboard.render(Self.scene(.race), width: 50, height: 12), named: "too-small")
  }

  @Test("the footer keeps ? help and q quit at every width, in both languages")
  func footerKeeps() {
    for language in Language.allCases {
      for width in stride(from: 60, through: 220, by: 8) {
        var state = Self.scene(.race, language: language)
        state.notice = "a long notice that would like to take the whole footer for itself"
        let footer = Dashboard.render(state, width: width, height: 24).line(23)
        let strings = language.strings
        #expect(footer.contains("? " + strings.footer(.help)), "\(language) \(width): \(footer)")
        #expect(footer.contains("q " + strings.footer(.quit)), "\(language) \(width): \(footer)")
      }
    }
  }

  @Test(
    "every worker has a pane with its name and state badge",
    arguments: [(2, 80, 24), (2, 120, 40), (2, 200, 60), (16, 120, 40), (16, 200, 60)])
  func panes(threads: Int, width: Int, height: Int) {
    var state = Fixtures.state(.race, threads: threads)
    state.apply(Fixtures.sample(threads: threads))
    let lines = Dashboard.render(state, width: width, height: height).lines
    for index in 1...threads {
      #expect(
        // The fixture is paced: between steps the pacer holds each thread.
        lines.contains { $0.contains(" Thread-\(index) ") && $0.contains(" step by step ") },
        "no pane title for Thread-\(index) at \(width)x\(height)")
    }
    #expect(!lines.contains { $0.contains("PgUp/PgDn") })
  }

  @Test("16 threads on 80x24 do not fit as panes: the table pages them")
  func sixteenOnSmall() {
    var state = Fixtures.state(.race, threads: 16)
    state.apply(Fixtures.sample(threads: 16))
    let lines = Dashboard.render(state, width: 80, height: 24).lines
    #expect(lines.contains { $0.contains("threads 1-") && $0.contains(" of 16") })
    #expect(!lines.contains { $0.contains(" tid 101 ") }, "no panes")
  }

  @Test("64 threads switch to the paged table at every size")
  func table() {
    for (width, height) in Self.sizes {
      var state = Fixtures.state(.race, threads: 64)
      state.apply(Fixtures.sample(threads: 64))
      let lines = Dashboard.render(state, width: width, height: height).lines
      #expect(
        lines.contains { $0.contains(" thread ") && $0.contains("state") }, "\(width)x\(height)")
      #expect(lines.contains { $0.contains("threads 1-") && $0.contains("of 64") })
      #expect(lines.contains { $0.contains(" Thread-1 ") })
    }
  }

  @Test("paging shows the next rows of the table")
  func paging() {
    var state = Fixtures.state(.race, threads: 64)
    state.apply(Fixtures.sample(threads: 64))
    let perPage = Dashboard.tablePageSize(state, width: 80, height: 24)
    state.page = perPage
    let lines = Dashboard.render(state, width: 80, height: 24).lines
    #expect(lines.contains { $0.contains("threads \(perPage + 1)-\(2 * perPage) of 64") })
    #expect(lines.contains { $0.contains(" Thread-\(perPage + 1) ") })
  }

  @Test("below 60x15 the frame only says the terminal is too small")
  func tooSmall() {
    for (width, height) in [(59, 15), (60, 14), (40, 6)] {
      let lines = Dashboard.render(Self.scene(.race), width: width, height: height).lines
      #expect(
        lines.contains { $0.contains("terminal too small (need 60x15)") }, "\(width)x\(height)")
      #expect(!lines.contains { $0.contains("Thread-1") })
    }
    let exact = Dashboard.render(Self.scene(.race), width: 60, height: 15).lines
    #expect(!exact.contains { $0.contains("too small") })
  }

  @Test("the help overlay lists every key and the strip's glyphs")
  func help() {
    var state = Fixtures.state(.race, threads: 2)
    state.showHelp = true
    let text = Dashboard.render(state, width: 80, height: 24).lines.joined(separator: "\n")
    for key in [
      "1-9, 0  /", "Tab / Shift-Tab", "space", "n ", "+ / -", "[ / ]", "r ", "d ", "t ",
      "PgUp / PgDn", "? / Esc", "q  Ctrl-C",
    ] {
      #expect(text.contains(key), "help lacks \(key)")
    }
    // Every glyph the strip can show, at 80x24 as on a bigger screen.
    for glyph in StripGlyph.allCases {
      let entry = StripWidget.symbol(glyph) + " " + state.strings.legend(glyph)
      #expect(text.contains(entry), "help lacks \(entry)")
    }
  }

  @Test(
    "at 80x24 every key's description in the help is whole or ends at a word with …",
    arguments: Language.allCases, [false, true])
  func helpFits(language: Language, driving: Bool) {
    var state = Fixtures.state(.race, threads: 2, language: language)
    state.showHelp = true
    if driving {
      state.drive = DriveView(previews: [], runnable: [true, true], steps: 0, cellNames: [])
    }
    let lines = Dashboard.render(state, width: 80, height: 24).lines
    for (_, description) in HelpWidget.keys(state) {
      let shown = lines.first { $0.contains(description) }
      if shown != nil { continue }
      let cut = lines.compactMap { line -> String? in
        guard let end = line.range(of: "…") else { return nil }
        let text = line[..<end.lowerBound].split(separator: "  ").last.map(String.init) ?? ""
        return description.hasPrefix(text.trimmingCharacters(in: .whitespaces)) ? text : nil
      }
      #expect(!cut.isEmpty, "\(description) is cut without …")
    }
  }

  @Test("a caption with escape sequences reaches the frame inert")
  func inertCaption() {
    var state = Fixtures.state(.race, threads: 2)
    state.caption = "evil \u{1B}]52;c;SGVsbG8=\u{07} caption \u{202E}txt"
    let frame = Dashboard.render(state, width: 80, height: 24)
    #expect(
      frame.cells.allSatisfy { cell in
        !cell.text.unicodeScalars.contains {
          $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E
        }
      })
    #expect(frame.line(22).contains("evil ␛]52;c;SGVsbG8=␇ caption \u{FFFD}txt"))
  }

  @Test("a long caption wraps at words above the footer; one too long for the room ends in …")
  func longCaption() {
    var state = Fixtures.state(.race, threads: 2)
    state.caption =
      "No lock: balance += n is a read then a write; when threads interleave, "
      + "one write overwrites another and an update is lost."
    let wide = Dashboard.render(state, width: 120, height: 40)
    #expect(wide.line(37).hasPrefix(" No lock: balance += n is a read then a write;"))
    #expect(wide.line(38).hasPrefix(" lost."), "the word that did not fit starts the next line")
    #expect(wide.line(39).contains("q quit"))
    #expect(wide.line(36).contains("└"), "the strip ends just above the caption")

    state.caption = String(repeating: "word ", count: 60) + "END"
    let small = Dashboard.render(state, width: 80, height: 24)
    #expect(small.line(21).hasPrefix(" word word"))
    #expect(small.line(22).trimmingTrailingSpaces.hasSuffix("…"))
    #expect(!small.line(22).contains("END"))

    state.caption = "first line\nsecond line"
    let twoLines = Dashboard.render(state, width: 80, height: 24)
    #expect(twoLines.line(21).hasPrefix(" first line "))
    #expect(twoLines.line(22).hasPrefix(" second line "))
  }

  @Test("the header shows the run state and the full-speed strip says it samples")
  func headerAndSampling() {
    var state = Fixtures.state(.race, threads: 2)
    state.apply(Sample(elapsedNs: 1, threads: Fixtures.workers(2), finished: true, speed: .full))
    let lines = Dashboard.render(state, width: 120, height: 40).lines
    #expect(lines[0].contains("finished"))
    #expect(lines.contains { $0.contains("who ran (full speed: one column a frame)") })
  }
}

extension String {
  var trimmingTrailingSpaces: String { String(reversed().drop { $0 == " " }.reversed()) }
}
