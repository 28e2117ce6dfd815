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
    let zh = state.language == .zh
    var stats =
      (zh ? " 迭代 " : " iter ") + Format.grouped(pane.iterations) + "  "
      + Format.rate(pane.rate) + "/s"
    if let cpu = pane.cpuPercent { stats += "  cpu " + Format.percent(cpu) }
    if pane.lostUpdates > 0 || pane.overwritten > 0 {
      stats +=
        zh
        ? "  覆盖别人 \(pane.lostUpdates) · 被覆盖 \(pane.overwritten)"
        : "  overwrote \(pane.lostUpdates) · overwritten \(pane.overwritten)"
    }
    let used = canvas.put(stats, x: area.x, y: row, style: .text, clip: area)
    let sparkWidth = area.width - used - 2
    if sparkWidth >= 4 {
      canvas.put(
        Format.sparkline(pane.rateHistory, width: sparkWidth), x: area.maxX - sparkWidth - 1,
        y: row, style: Style(pane.state.role), clip: area)
    }
    row += 1
    let room = area.maxY - row
    guard room > 0 else { return }
    for line in pane.recent.suffix(room) {
      canvas.put(" " + line.text, x: area.x, y: row, style: Style(line.role), clip: area)
      row += 1
    }
  }

  static func titleLine(
    _ pane: ThreadPane, _ state: DashboardState, in area: Rect, on canvas: inout Canvas
  ) {
    let zh = state.language == .zh
    canvas.fill(
      Rect(x: area.x, y: area.y, width: area.width, height: 1), style: Style(.border, reverse: true)
    )
    var x = area.x
    x += canvas.put(
      " " + pane.name + " ", x: x, y: area.y, style: Style(.title, bold: true, reverse: true),
      clip: area)
    var badge = " " + pane.state.label(state.language)
    if pane.state == .waiting, pane.waitingFor >= 0 {
      badge += " " + state.transcript.lock(pane.waitingFor)
    }
    badge += " "
    let core = pane.cpu >= 0 ? "\(pane.cpu)" : "-"
    let lostMark = pane.lostUpdates + pane.overwritten > 0 ? " ✗ " : ""
    let room = area.maxX - x - TextWidth.of(badge) - TextWidth.of(lostMark)
    // The tid and core, as long as the room allows.
    let details = [
      " tid \(pane.tid) · " + (zh ? "核心 " : "cpu ") + core + " ", " \(pane.tid) · c\(core) ",
      " \(pane.tid) ",
    ].first { TextWidth.of($0) <= room }
    if let details {
      canvas.put(details, x: x, y: area.y, style: Style(.border, reverse: true), clip: area)
    }
    var bx = area.maxX - TextWidth.of(badge) - TextWidth.of(lostMark)
    bx += canvas.put(
      lostMark, x: bx, y: area.y, style: Style(.lostUpdate, bold: true, reverse: true), clip: area)
    canvas.put(
      badge, x: max(bx, x), y: area.y, style: Style(pane.state.role, bold: true, reverse: true),
      clip: area)
  }

  /// The main thread's one line.
  static func mainLine(
    _ pane: ThreadPane, _ state: DashboardState, in area: Rect, on canvas: inout Canvas
  ) {
    let zh = state.language == .zh
    let doing: String
    switch pane.state {
    case .waiting: doing = zh ? "join 工作线程" : "joining the workers"
    case .finished: doing = zh ? "已 join 全部线程" : "joined every worker"
    case .cancelled: doing = zh ? "已取消" : "cancelled"
    default: doing = zh ? "启动工作线程" : "starting the workers"
    }
    var x = area.x
    x += canvas.put(
      " " + pane.name + " ", x: x, y: area.y, style: Style(.title, bold: true), clip: area)
    x += canvas.put("tid \(pane.tid) · ", x: x, y: area.y, style: Style(.dim), clip: area)
    canvas.put(doing, x: x, y: area.y, style: Style(pane.state.role), clip: area)
  }
}
