/// A lane per thread showing its last steps in global order, newest at the
/// right, like a profiler's timeline. A lost update is marked in both lanes.
enum StripWidget {
  static let labelWidth = 12

  /// Rows wanted for `threads` worker lanes (plus the box), at most `limit`.
  static func height(threads: Int, limit: Int) -> Int { min(threads, max(1, limit - 2)) + 2 }

  static func render(_ state: DashboardState, in area: Rect, on canvas: inout Canvas) {
    guard area.height >= 3, area.width >= labelWidth + 6 else { return }
    let zh = state.language == .zh
    let title =
      state.strip.sampled
      ? (zh ? "交错（全速：每帧采样谁在运行）" : "interleaving (full speed: sampled per frame, who ran)")
      : (zh ? "交错（每列一步，最新在右）" : "interleaving (one column per step, newest right)")
    canvas.box(area, title: title)
    let inner = area.inset(1)
    let workers = state.threadCount
    let laneRows = inner.height
    let lanes = workers <= laneRows ? workers : laneRows - 1
    let width = inner.width - labelWidth
    let columns = state.strip.columns.suffix(width)
    let start = inner.x + labelWidth + (width - columns.count)
    for lane in 0..<lanes {
      let thread = lane + 1
      let y = inner.y + lane
      let name = state.panes.indices.contains(thread) ? state.panes[thread].name : "#\(thread)"
      canvas.put(
        TextWidth.padded(name, to: labelWidth - 1), x: inner.x, y: y, style: Style(.title),
        clip: inner)
      canvas.put(
        String(repeating: "·", count: width - columns.count), x: inner.x + labelWidth, y: y,
        style: Style(.dim), clip: inner)
      for (offset, column) in columns.enumerated() {
        let (glyph, style) = cell(for: column, lane: thread)
        canvas.put(glyph, x: start + offset, y: y, style: style, clip: inner)
      }
    }
    if lanes < workers {
      canvas.put(
        zh ? "另有 \(workers - lanes) 个线程" : "+\(workers - lanes) more threads",
        x: inner.x, y: inner.maxY - 1, style: Style(.dim), clip: inner)
    }
  }

  static func cell(for column: InterleavingStrip.Column, lane: Int) -> (String, Style) {
    if column.thread != lane {
      if column.overwrote == lane { return ("✗", Style(.lostUpdate, bold: true)) }
      return ("·", Style(.dim))
    }
    if column.overwrote != nil { return ("✗", Style(.lostUpdate, bold: true, reverse: true)) }
    switch column.kind {
    case .read: return ("R", Style(.read))
    case .write: return ("W", Style(.write, bold: true))
    case .atomic: return ("A", Style(.write, bold: true))
    case .acquire: return ("[", Style(.acquire, bold: true))
    case .release: return ("]", Style(.release))
    case .wait: return ("~", Style(.waiting))
    case .sleep: return ("z", Style(.sleeping))
    case .tick: return ("+", Style(.running))
    case .ran: return ("■", Style(.running))
    }
  }
}
