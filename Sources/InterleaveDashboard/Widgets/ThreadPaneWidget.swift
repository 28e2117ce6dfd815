import InterleaveRuntime
import InterleaveText

/// One worker's pane: a title line with its state badge, then its numbers,
/// a rate sparkline and the tail of its events.
enum ThreadPaneWidget {
  static func render(
    _ pane: ThreadPane, _ state: DashboardState, in area: Rect, on canvas: inout Canvas
  ) {
    guard !area.isEmpty else { return }
    titleLine(pane, state, in: area, on: &canvas)
    var row = area.y + 1
    guard row < area.maxY else { return }
    statsLine(pane, state, in: Rect(x: area.x, y: row, width: area.width, height: 1), on: &canvas)
    row += 1
    if let (text, style) = preview(pane, state), row < area.maxY {
      canvas.put(text, x: area.x, y: row, style: style, clip: area)
      row += 1
    }
    var room = area.maxY - row
    guard room > 0 else { return }
    // What the thread printed about its lock keeps a row once it has
    // scrolled out of the tail, marked as earlier output; while it is still
    // in the tail it shows in its place, after the wait and the acquire.
    if let note = pane.note, room > 1,
      !tail(pane, state, width: area.width, room: room).contains(where: {
        !$0.text.isEmpty && note.text.hasPrefix($0.text)
      })
    {
      // Wrapped, not cut: a thread ident is the point of the line.
      var lines = Wrap.hanging(
        state.strings.printedEarlier(note.text), width: area.width - 1, indent: 2)
      if lines.count > room - 1 {
        lines = Array(lines.prefix(max(1, room - 1)))
        lines[lines.count - 1] = TextWidth.cut(lines[lines.count - 1] + " …", to: area.width - 1)
      }
      for line in lines {
        canvas.put(" " + line, x: area.x, y: row, style: Style(note.role, bold: true), clip: area)
        row += 1
        room -= 1
      }
    }
    for (text, role) in tail(pane, state, width: area.width, room: room) {
      canvas.put(" " + text, x: area.x, y: row, style: Style(role), clip: area)
      row += 1
    }
  }

  /// The rows of the pane's event tail that fit in `room` rows, top first:
  /// the newest at the bottom, a long line wrapped at a word, whole events
  /// only (one whose start scrolled away goes, tail and all).
  static func tail(_ pane: ThreadPane, _ state: DashboardState, width: Int, room: Int)
    -> [(text: String, role: Role)]
  {
    // Newest at the bottom; a long line wraps at a word onto the next row.
    var rows: [(text: String, role: Role, starts: Bool)] = []
    for line in pane.recent.reversed() {
      let wrapped = Wrap.hanging(line.text, width: width - 1, indent: 2)
      rows.insert(
        contentsOf: wrapped.enumerated().map { ($1, line.role, $0 == 0) }, at: 0)
      if rows.count >= room + (state.focus == pane.index ? state.focusScroll : 0) { break }
    }
    // A focused pane scrolls back through its history (`j`/`k`, the wheel).
    let back = state.focus == pane.index ? min(state.focusScroll, max(0, rows.count - room)) : 0
    var shown = rows.dropLast(back).suffix(room)
    // Whole events only: the tail of one whose start scrolled away goes
    // too, and its start stands in the rows it leaves, cut with "…".
    var cut: [(text: String, role: Role)] = []
    if let first = shown.firstIndex(where: \.starts), first > shown.startIndex {
      let blank = first - shown.startIndex
      if let start = rows[..<first].lastIndex(where: \.starts) {
        cut = rows[start..<(start + blank)].map { ($0.text, $0.role) }
        // Cut at a word: "Thread-2's 1…" would misquote a 16.
        cut[cut.count - 1].text = Wrap.shortened(cut[cut.count - 1].text + "…", width: width - 1)
      }
      shown = shown[first...]
    } else if !shown.isEmpty, !shown[shown.startIndex].starts,
      let start = rows[..<shown.startIndex].lastIndex(where: \.starts)
    {
      // One event taller than the pane: its beginning, cut with "…" (its
      // end alone, "notify 了", would say the opposite of what it does).
      var head = Array(rows[start..<min(rows.count, start + room)])
      if var last = head.popLast() {
        last.text = TextWidth.prefix(last.text, fitting: max(0, width - 2)) + "…"
        head.append(last)
      }
      return head.map { ($0.text, $0.role) }
    }
    return cut + shown.map { ($0.text, $0.role) }
  }

  /// While driving: the key that steps this thread and what its next step
  /// will do, bright when it can step, dim when it waits or has ended.
  static func preview(_ pane: ThreadPane, _ state: DashboardState) -> (String, Style)? {
    guard let drive = state.drive, drive.previews.indices.contains(pane.index - 1) else {
      return nil
    }
    let worker = pane.index - 1
    let text = state.strings.preview(
      drive.previews[worker],
      cell: { drive.cellNames.indices.contains($0) ? drive.cellNames[$0] : "cell \($0)" },
      primitive: {
        state.primitiveSpecs.indices.contains($0) ? state.primitiveSpecs[$0].name : "#\($0)"
      },
      thread: { state.panes.indices.contains($0 + 1) ? state.panes[$0 + 1].name : "\($0 + 1)" })
    guard drive.runnable[worker] else { return ("     " + text, Style(.dim)) }
    let key = pane.index <= 9 ? " [\(pane.index)] " : "     "
    return (key + text, Style(.keyHint, bold: true))
  }

  /// The badge: the thread's state, or `paused` while the run is paused.
  static func badge(_ pane: ThreadPane, _ state: DashboardState) -> (String, Role) {
    let strings = state.strings
    if state.phase == .paused, pane.state == .running || pane.state == .sleeping {
      return (strings.paused, .sleeping)
    }
    // While driving, the model knows a thread will wait before it tries.
    if let drive = state.drive, drive.previews.indices.contains(pane.index - 1),
      case .blocked(let primitive, _) = drive.previews[pane.index - 1],
      state.primitiveSpecs.indices.contains(primitive)
    {
      return (strings.state(.waiting) + " " + state.primitiveSpecs[primitive].name, .waiting)
    }
    // Any other live thread waits for the driver to pick it: its next
    // step (a sleep too) has not begun.
    if state.drive != nil, !pane.state.isDone, pane.state != .created, pane.raised == nil {
      return (strings.ready, .running)
    }
    // Paced, a "running" thread spends all but microseconds of its time
    // held by the pacer before its next step: it is not on a core.
    if case .delay = state.speed, pane.state == .running, pane.raised == nil {
      return (strings.paced, .running)
    }
    // A thread that raised ended with the error, not as a normal finish.
    if let error = pane.raised, pane.state != .running {
      return (strings.raised(error).split(separator: ":").first.map(String.init) ?? "", .deadlock)
    }
    var text = strings.state(pane.state)
    if pane.state == .waiting, state.primitiveSpecs.indices.contains(pane.waitingFor) {
      text += " " + state.primitiveSpecs[pane.waitingFor].name
    }
    return (text, pane.state.role)
  }

  static func titleLine(
    _ pane: ThreadPane, _ state: DashboardState, in area: Rect, on canvas: inout Canvas
  ) {
    let strings = state.strings
    canvas.fill(
      Rect(x: area.x, y: area.y, width: area.width, height: 1), style: Style(.border, reverse: true)
    )
    var x = area.x
    x += canvas.put(
      " " + pane.name + " ", x: x, y: area.y, style: Style(.title, bold: true, reverse: true),
      clip: area)
    let (label, role) = badge(pane, state)
    let badge = " " + label + " "
    let lostMark = pane.lostUpdates + pane.overwritten > 0 ? " ✗ " : ""
    let room = area.maxX - x - TextWidth.of(badge) - TextWidth.of(lostMark)
    // The tid and core, as long as the room allows.
    // A worker of `process` shows its child's pid (a thread its tid).
    let id =
      state.scenario.traits.workersAreProcesses
      ? strings.pid(Int32(truncatingIfNeeded: pane.tid)) : strings.tid(pane.tid)
    // Before the thread has reported its tid there is nothing true to say.
    let details =
      pane.tid == 0
      ? nil
      : [
        " " + id + " · " + strings.cpu(pane.cpu) + " ",
        " \(pane.tid) · c\(pane.cpu >= 0 ? "\(pane.cpu)" : "-") ", " \(pane.tid) ",
      ].first { TextWidth.of($0) <= room }
    if let details {
      canvas.put(details, x: x, y: area.y, style: Style(.border, reverse: true), clip: area)
    }
    var bx = area.maxX - TextWidth.of(badge) - TextWidth.of(lostMark)
    bx += canvas.put(
      lostMark, x: bx, y: area.y, style: Style(.lostUpdate, bold: true, reverse: true), clip: area)
    canvas.put(
      badge, x: max(bx, x), y: area.y, style: Style(role, bold: true, reverse: true), clip: area)
  }

  /// Iterations, rate, lost updates and CPU use, as many as fit, then the
  /// rate's sparkline: CPU use goes first, then the lost counts shrink,
  /// then the rate goes.
  static func statsLine(
    _ pane: ThreadPane, _ state: DashboardState, in area: Rect, on canvas: inout Canvas
  ) {
    let strings = state.strings
    let noun = state.scenario.traits.countsTrials ? strings.trials : strings.iterations
    // Running at full speed, a thread counts its iterations in batches.
    let batched =
      state.scenario.traits.countsInBatches && state.speed == .full && !pane.ended
      && state.phase == .running
    let iterations = (
      noun + " " + (batched ? "~" : "") + Format.grouped(pane.iterations), Role.text
    )
    // A rate is shown only at full speed, where the threads set it: the
    // last two seconds' iterations a second while running, the count over
    // the thread's own time once it ended. A paced run's rate is the pace's.
    // Once paced, an ended thread's average would count the pace.
    let rate: (String, Role)? =
      state.speed != .full || (pane.ended && state.pacedEarlier)
      ? nil
      : ((pane.ended ? strings.average + " " : "") + Format.rate(pane.rate) + "/s", .text)
    // Sampled from the system over the last moments: `~`.
    let cpu = pane.cpuPercent.map { ("~cpu " + Format.cpu($0), Role.dim) }
    // Traced while paced, then let go at full speed: only the traced part's.
    let atLeast = state.speed == .full && state.pacedEarlier
    var lost: (String, Role)?
    var shortLost: (String, Role)?
    if pane.lostUpdates > 0 || pane.overwritten > 0 {
      lost = (
        strings.lostCounts(
          overwrote: pane.lostUpdates, overwritten: pane.overwritten, short: false,
          atLeast: atLeast),
        .lostUpdate
      )
      shortLost = (
        strings.lostCounts(
          overwrote: pane.lostUpdates, overwritten: pane.overwritten, short: true,
          atLeast: atLeast),
        .lostUpdate
      )
    }
    let choices: [[(String, Role)?]] = [
      [iterations, rate, lost, cpu], [iterations, rate, lost], [iterations, rate, shortLost],
      [iterations, shortLost],
    ]
    let parts =
      choices.map { $0.compactMap { $0 } }.first { parts in
        parts.reduce(1) { $0 + TextWidth.of($1.0) + 2 } <= area.width
      } ?? [iterations]
    var x = area.x + 1
    for (text, role) in parts {
      x += canvas.put(text, x: x, y: area.y, style: Style(role), clip: area) + 2
    }
    // The rate's history, where the rate is shown.
    let sparkWidth = area.maxX - x - 1
    if sparkWidth >= 4, rate != nil {
      canvas.put(
        // The history itself, not an array of it: an empty `Deque` turned
        // into an array writes to the shared empty-array storage, a data
        // race between two threads drawing (ThreadSanitizer reports it).
        Format.sparkline(pane.rateHistory, width: sparkWidth), x: area.maxX - sparkWidth - 1,
        y: area.y, style: Style(pane.state.role), clip: area)
    }
  }
}
