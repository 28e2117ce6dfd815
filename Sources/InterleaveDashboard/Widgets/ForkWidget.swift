import InterleaveRuntime
import InterleaveText

/// `f` while driving: every outcome still reachable from this step, how
/// many schedules lead to each, and the simplest way there, in a box over
/// the middle of the screen with one row chosen.
enum ForkWidget {
  static func render(_ fork: ForkView, _ state: DashboardState, on canvas: inout Canvas) {
    let strings = state.strings
    let title = strings.forkTitle(total: fork.total, step: state.drive?.steps ?? 0)
    var rows: [(String, Style)] = []
    if fork.counting {
      rows.append((strings.forkCounting, Style(.text)))
    }
    if let states = fork.tooLarge {
      // Wrapped to the box, never cut: it says what to do.
      for line in Wrap.lines(strings.forkTooLarge(states: states), width: min(56, canvas.width - 6))
      {
        rows.append((line, Style(.text)))
      }
    }
    let labels = fork.rows.map {
      strings.outcome($0.outcome) + ($0.correct ? " (" + strings.correctMark + ")" : "")
    }
    let labelWidth = labels.map(TextWidth.of).max() ?? 0
    let countWidth = fork.rows.map { TextWidth.of($0.schedules) }.max() ?? 0
    for (index, row) in fork.rows.enumerated() {
      let share = Duration.rounded(row.share * 100, 1) + "%"
      let text =
        pad(labels[index], labelWidth) + "  " + padLeft(row.schedules, countWidth) + "  "
        + padLeft(share, 6) + "  " + strings.preemptions(row.preemptions)
      let chosen = index == fork.selected
      let role: Role = row.correct ? .finished : .lostUpdate
      rows.append(((chosen ? "▶ " : "  ") + text, Style(role, bold: chosen, reverse: chosen)))
    }
    rows.append(("", Style(.text)))
    rows.append((strings.forkKeys, Style(.keyHint)))
    let width = min(
      canvas.width - 2, max(TextWidth.of(title) + 6, rows.map { TextWidth.of($0.0) }.max()! + 4))
    let height = min(canvas.height - 2, rows.count + 2)
    let area = Rect(
      x: (canvas.width - width) / 2, y: (canvas.height - height) / 2, width: width, height: height)
    canvas.fill(area)
    canvas.box(area, title: title)
    let inner = area.inset(1)
    // Keep the chosen row in view when the rows are more than the room.
    let first = max(0, min(fork.selected - inner.height / 2, rows.count - inner.height))
    for (offset, row) in rows.dropFirst(first).prefix(inner.height).enumerated() {
      canvas.put(" " + row.0, x: inner.x, y: inner.y + offset, style: row.1, clip: inner)
    }
  }

  private static func pad(_ text: String, _ width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - TextWidth.of(text)))
  }

  private static func padLeft(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - TextWidth.of(text))) + text
  }
}
