import InterleaveRuntime
import Testing

@testable import InterleaveDashboard

@Suite("Whole frames")
struct FrameTests {
  static let sizes = [(80, 24), (120, 40), (200, 60)]

  static func frame(threads: Int, width: Int, height: Int, scenario: Scenario = .race) -> Canvas {
    var state = Fixtures.state(scenario, threads: threads)
    state.apply(Sample(elapsedNs: 2_000_000_000, threads: Fixtures.workers(threads), speed: .fast))
    return Dashboard.render(state, width: width, height: height)
  }

  @Test(
    "every worker has a pane with its name and state badge",
    arguments: [(2, 80, 24), (2, 120, 40), (2, 200, 60), (16, 120, 40), (16, 200, 60)])
  func panes(threads: Int, width: Int, height: Int) {
    let lines = Self.frame(threads: threads, width: width, height: height).lines
    for index in 1...threads {
      // A pane's title row holds its name and its state badge.
      #expect(
        lines.contains { $0.contains(" Thread-\(index) ") && $0.contains(" running ") },
        "no pane title for Thread-\(index) at \(width)x\(height)")
    }
    #expect(!lines.contains { $0.contains("PgUp/PgDn") })
  }

  @Test("16 threads on 80x24 do not fit as panes: the table pages them")
  func sixteenOnSmall() {
    let lines = Self.frame(threads: 16, width: 80, height: 24).lines
    #expect(lines.contains { $0.contains("threads 1-11 of 16") })
  }

  @Test("16 threads on 120x40 get panes (not the table), with tid and state")
  func sixteenOnMidSize() {
    let canvas = Self.frame(threads: 16, width: 120, height: 40)
    let titles = canvas.lines.filter { $0.contains("Thread-") && $0.contains(" running ") }
    #expect(titles.count >= 8, "pane title rows: \(titles.count)")
    #expect(!canvas.lines.contains { $0.contains("PgUp/PgDn") })
    #expect(canvas.lines.contains { $0.contains("tid 116") })
  }

  @Test("64 threads switch to the paged table at every size")
  func table() {
    for (width, height) in Self.sizes {
      let canvas = Self.frame(threads: 64, width: width, height: height)
      let lines = canvas.lines
      #expect(
        lines.contains { $0.contains(" thread ") && $0.contains("state") }, "\(width)x\(height)")
      #expect(lines.contains { $0.contains("threads 1-") && $0.contains("of 64") })
      #expect(lines.contains { $0.hasPrefix(" Thread-1 ") || $0.contains(" Thread-1      ") })
    }
  }

  @Test("paging shows the next rows of the table")
  func paging() {
    var state = Fixtures.state(.race, threads: 64)
    state.apply(Sample(elapsedNs: 1, threads: Fixtures.workers(64), speed: .fast))
    let perPage = Dashboard.tablePageSize(state, width: 80, height: 24)
    state.page = perPage
    let lines = Dashboard.render(state, width: 80, height: 24).lines
    #expect(lines.contains { $0.contains("threads \(perPage + 1)-\(2 * perPage) of 64") })
    #expect(lines.contains { $0.contains(" Thread-\(perPage + 1) ") })
  }

  @Test("below 60x15 the frame only says the terminal is too small")
  func tooSmall() {
    for (width, height) in [(59, 15), (60, 14), (20, 5)] {
      let lines = Self.frame(threads: 2, width: width, height: height).lines
      #expect(lines.contains { $0.contains("terminal too small (need 60x15)") || width < 34 })
      #expect(!lines.contains { $0.contains("Thread-1") })
    }
    let exact = Self.frame(threads: 2, width: 60, height: 15).lines
    #expect(!exact.contains { $0.contains("too small") })
  }

  @Test("the help overlay lists every key")
  func help() {
    var state = Fixtures.state(.race, threads: 2)
    state.showHelp = true
    let text = Dashboard.render(state, width: 80, height: 24).lines.joined(separator: "\n")
    for key in [
      "1-6", "Tab / Shift-Tab", "space", "n ", "+ / -", "[ / ]", "r ", "t ", "PgUp / PgDn", "?",
      "q  Esc  Ctrl-C",
    ] {
      #expect(text.contains(key), "help lacks \(key)")
    }
  }

  @Test("a caption with escape sequences reaches the frame inert")
  func inertCaption() {
    var state = Fixtures.state(.race, threads: 2)
    state.caption = "evil \u{1B}]52;c;SGVsbG8=\u{07} caption"
    let frame = Dashboard.render(state, width: 80, height: 24)
    #expect(
      frame.cells.allSatisfy { cell in
        !cell.text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }
      })
    #expect(frame.line(22).contains("evil \u{FFFD}]52;c;SGVsbG8=\u{FFFD} caption"))
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
    #expect(small.line(22).trimmingCharacters(in: .whitespaces).hasSuffix("…"))
    #expect(!small.line(22).contains("END"))

    state.caption = "first line\nsecond line"
    let twoLines = Dashboard.render(state, width: 80, height: 24)
    #expect(twoLines.line(21).hasPrefix(" first line "))
    #expect(twoLines.line(22).hasPrefix(" second line "))
  }

  @Test("the header shows the run state and the full-speed strip says it samples")
  func headerAndSampling() {
    var state = Fixtures.state(.race, threads: 2)
    state.apply(
      Sample(
        elapsedNs: 1, threads: Fixtures.workers(2), deadlock: nil, finished: true, speed: .full))
    let lines = Dashboard.render(state, width: 120, height: 40).lines
    #expect(lines[0].contains("finished"))
    #expect(lines.contains { $0.contains("full speed: sampled per frame") })
  }
}
