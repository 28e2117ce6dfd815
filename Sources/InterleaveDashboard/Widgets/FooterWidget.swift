import InterleaveRuntime
import InterleaveText

/// The key hints, and on the right a notice (a switch, a lesson step, threads
/// the system refused, dropped events). `? help` and `q quit` always show;
/// the other hints go, least needed first, when the room runs out.
enum FooterWidget {
  /// A hint: its key, what it does, and how much it is needed (higher goes last).
  struct Hint {
    var key: String
    var hint: KeyHint
    var keep: Int
  }

  static func hints(_ state: DashboardState) -> [Hint] {
    let scenarios = min(9, Scenario.all.count)
    var hints = [
      Hint(key: "1-\(scenarios)", hint: .scenario, keep: 5),
      Hint(key: "space", hint: .pause, keep: 7),
      Hint(key: "n", hint: .step, keep: 6),
      Hint(key: "+/-", hint: .speed, keep: 4),
      Hint(key: "[/]", hint: .threads, keep: 2),
      Hint(key: "r", hint: .restart, keep: 3),
      Hint(key: "t", hint: .theme, keep: 1),
      Hint(key: "?", hint: .help, keep: 9),
      Hint(key: "q", hint: .quit, keep: 9),
    ]
    if state.threadCount >= Dashboard.tableThreshold {
      hints.insert(Hint(key: "PgUp/PgDn", hint: .page, keep: 3), at: 5)
    }
    return hints
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
      TextWidth.of(strings.keyName(hint.key)) + TextWidth.of(strings.footer(hint.hint)) + 3
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
        " " + strings.footer(hint.hint) + " ", x: x, y: area.y, style: Style(.dim), clip: area)
    }
    if let (text, style) = notice, noticeWidth > 0 {
      let cut =
        TextWidth.of(text) > noticeWidth
        ? TextWidth.prefix(text, fitting: noticeWidth - 1) + "…" : text
      canvas.put(cut, x: area.maxX - TextWidth.of(cut), y: area.y, style: style, clip: area)
    }
  }
}
