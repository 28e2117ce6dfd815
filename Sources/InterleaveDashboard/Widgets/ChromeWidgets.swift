/// The caption bar, the footer of key hints, the help overlay and the
/// too-small message.
enum ChromeWidgets {
  /// The caption bar: `lines` from `captionLines`, one a row.
  static func caption(_ lines: [String], in area: Rect, on canvas: inout Canvas) {
    canvas.fill(area, style: Style(.caption, reverse: true))
    for (row, line) in lines.prefix(area.height).enumerated() {
      canvas.put(
        " " + line, x: area.x, y: area.y + row, style: Style(.caption, bold: true, reverse: true),
        clip: area)
    }
  }

  /// The caption wrapped at words to `width` cells less a margin, in at
  /// most `limit` lines; a caption that needs more ends in "…".
  static func captionLines(_ caption: String, width: Int, limit: Int) -> [String] {
    let room = width - 2
    guard room > 1, limit > 0 else { return [] }
    let paragraphs = caption.split(separator: "\n", omittingEmptySubsequences: false)
    var lines = paragraphs.flatMap { Wrap.lines(String($0), width: room) }
    guard lines.count > limit else { return lines }
    lines.removeLast(lines.count - limit)
    let last = TextWidth.prefix(lines[limit - 1], fitting: room - 1)
    lines[limit - 1] = last + "…"
    return lines
  }

  static func footer(_ state: DashboardState, in area: Rect, on canvas: inout Canvas) {
    let zh = state.language == .zh
    let hints: [(String, String)] =
      zh
      ? [
        ("1-6", "场景"), ("空格", "暂停"), ("n", "单步"), ("+/-", "速度"), ("[/]", "线程"), ("r", "重来"),
        ("t", "主题"), ("?", "帮助"), ("q", "退出"),
      ]
      : [
        ("1-6", "scenario"), ("space", "pause"), ("n", "step"), ("+/-", "speed"),
        ("[/]", "threads"), ("r", "restart"), ("t", "theme"), ("?", "help"), ("q", "quit"),
      ]
    let right: (String, Style)? =
      state.notice.map { (" " + $0 + " ", Style(.caption, bold: true)) }
      ?? (state.failedThreads > 0
        ? (
          (zh
            ? " 系统拒绝创建 \(state.failedThreads) 个线程 "
            : " the system refused \(state.failedThreads) threads "),
          Style(.lostUpdate, bold: true)
        ) : nil)
      ?? (state.droppedEvents > 0
        ? (
          (zh ? " 丢弃事件 " : " dropped events ") + Format.grouped(state.droppedEvents) + " ",
          Style(.dim)
        )
        : nil)
    let rightWidth = right.map { TextWidth.of($0.0) } ?? 0
    // The notice comes first; key hints fill the room left of it.
    var x = area.x
    for (key, action) in hints {
      let width = TextWidth.of(key) + TextWidth.of(action) + 3
      guard x + width <= area.maxX - rightWidth else { break }
      x += canvas.put(" " + key, x: x, y: area.y, style: Style(.keyHint, bold: true), clip: area)
      x += canvas.put(" " + action + " ", x: x, y: area.y, style: Style(.dim), clip: area)
    }
    if let (text, style) = right {
      canvas.put(text, x: max(area.x, area.maxX - rightWidth), y: area.y, style: style, clip: area)
    }
  }

  /// Every key, in a box over the middle of the screen.
  static func help(_ state: DashboardState, on canvas: inout Canvas) {
    let zh = state.language == .zh
    let rows: [(String, String)] = [
      ("1-6", zh ? "切换场景（先取消并 join 当前运行）" : "switch scenario (cancels and joins the run first)"),
      ("Tab / Shift-Tab", zh ? "下一个 / 上一个场景" : "next / previous scenario"),
      ("space", zh ? "暂停 / 继续" : "pause / resume"),
      ("n", zh ? "暂停时走一步" : "one step while paused"),
      ("+ / -", zh ? "更快 / 更慢" : "faster / slower"),
      ("[ / ]", zh ? "减少 / 增加线程" : "fewer / more threads"),
      ("r", zh ? "用相同设置重新运行" : "restart with the same settings"),
      ("t", zh ? "下一个主题（当前 \(state.themeName)）" : "next theme (now \(state.themeName))"),
      ("PgUp / PgDn", zh ? "线程表翻页" : "page the thread table"),
      ("?", zh ? "显示 / 隐藏帮助" : "show / hide this help"),
      ("q  Esc  Ctrl-C", zh ? "退出" : "quit"),
    ]
    let keyWidth = rows.map { TextWidth.of($0.0) }.max()! + 2
    let width = min(canvas.width - 2, keyWidth + rows.map { TextWidth.of($0.1) }.max()! + 4)
    let height = min(canvas.height - 2, rows.count + 2)
    let area = Rect(
      x: (canvas.width - width) / 2, y: (canvas.height - height) / 2, width: width, height: height)
    canvas.fill(area)
    canvas.box(area, title: zh ? "按键" : "keys")
    let inner = area.inset(1)
    for (offset, row) in rows.prefix(inner.height).enumerated() {
      canvas.put(
        " " + row.0, x: inner.x, y: inner.y + offset, style: Style(.keyHint, bold: true),
        clip: inner)
      canvas.put(row.1, x: inner.x + keyWidth, y: inner.y + offset, style: .text, clip: inner)
    }
  }

  static func tooSmall(on canvas: inout Canvas) {
    let message = "terminal too small (need \(Dashboard.minimumWidth)x\(Dashboard.minimumHeight))"
    let size = "now \(canvas.width)x\(canvas.height)"
    let y = max(0, canvas.height / 2 - 1)
    canvas.put(
      message, x: max(0, (canvas.width - TextWidth.of(message)) / 2), y: y,
      style: Style(.deadlock, bold: true))
    canvas.put(
      size, x: max(0, (canvas.width - TextWidth.of(size)) / 2), y: y + 1, style: Style(.dim))
  }
}
