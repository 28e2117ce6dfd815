import InterleaveRuntime
import InterleaveText

/// The key hints, and on the right a notice (a switch, a lesson step, threads
/// the system refused, dropped events). `? help` and `q quit` always show;
/// the other hints go, least needed first, when the room runs out.
enum FooterWidget {
  /// A hint: its key, what it does, and how much it is needed (higher goes last).
  struct Hint {
    var key: String
    var label: String
    var keep: Int
  }

  static func hints(_ state: DashboardState) -> [Hint] {
    let strings = state.strings
    func hint(_ key: String, _ hint: KeyHint, _ keep: Int) -> Hint {
      Hint(key: key, label: strings.footer(hint), keep: keep)
    }
    if state.drive != nil {
      let threads = min(9, state.threadCount)
      return [
        Hint(key: "1-\(threads)", label: strings.driveHint(.stepThread), keep: 8),
        Hint(key: "a", label: strings.driveHint(.auto), keep: 5),
        Hint(key: "u", label: strings.driveHint(.undo), keep: 7),
        Hint(key: "U", label: strings.driveHint(.redo), keep: 3),
        Hint(key: "f", label: strings.driveHint(.fork), keep: 6),
        Hint(key: "d", label: strings.driveHint(.drive), keep: 4),
        hint("?", .help, 9), hint("q", .quit, 9),
      ]
    }
    var hints = [
      hint(scenarioKeys, .scenario, 5),
      hint("space", state.phase == .paused ? .resume : .pause, 7), hint("n", .step, 6),
      hint("+/-", .speed, 4), hint("[/]", .threads, 2), hint("r", .restart, 3),
      hint("t", .theme, 1), hint("?", .help, 9), hint("q", .quit, 9),
    ]
    if state.threadCount >= Dashboard.tableThreshold {
      hints.insert(hint("PgUp/PgDn", .page, 3), at: 5)
    }
    return hints
  }

  /// `1-6`; with ten or more scenarios `1-0 /` (the list reaches the rest).
  static var scenarioKeys: String {
    let count = Scenario.all.count
    return count <= 9 ? "1-\(count)" : "1-0 /"
  }

  static func render(_ state: DashboardState, in area: Rect, on canvas: inout Canvas) {
    let strings = state.strings
    var notice: (String, Style)?
    if let text = state.notice {
      notice = (" " + text + " ", Style(.caption, bold: true))
    } else if state.failedThreads > 0 {
      notice = (
        " " + strings.refusedThreads(state.failedThreads) + " ", Style(.lostUpdate, bold: true)
      )
    } else if state.droppedEvents > 0 {
      notice = (" " + strings.droppedEvents(Format.grouped(state.droppedEvents)) + " ", Style(.dim))
    }
    func width(_ hint: Hint) -> Int {
      TextWidth.of(strings.keyName(hint.key)) + TextWidth.of(hint.label) + 3
    }
    var shown = hints(state)
    let must = shown.filter { $0.keep >= 9 }.reduce(0) { $0 + width($1) }
    // The notice gets what the hints that must stay leave over.
    let noticeWidth = notice.map { min(TextWidth.of($0.0), max(0, area.width - must)) } ?? 0
    while shown.reduce(0, { $0 + width($1) }) > area.width - noticeWidth,
      let drop = shown.indices.filter({ shown[$0].keep < 9 }).min(by: {
        shown[$0].keep < shown[$1].keep
      })
    {
      shown.remove(at: drop)
    }
    var x = area.x
    for hint in shown {
      x += canvas.put(
        " " + strings.keyName(hint.key), x: x, y: area.y, style: Style(.keyHint, bold: true),
        clip: area)
      x += canvas.put(
        " " + hint.label + " ", x: x, y: area.y, style: Style(.dim), clip: area)
    }
    if let (text, style) = notice, noticeWidth > 0 {
      let cut =
        TextWidth.of(text) > noticeWidth
        ? TextWidth.prefix(text, fitting: noticeWidth - 1) + "…" : text
      canvas.put(cut, x: area.maxX - TextWidth.of(cut), y: area.y, style: style, clip: area)
    }
  }
}
