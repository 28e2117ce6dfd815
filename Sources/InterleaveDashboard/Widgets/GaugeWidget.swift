/// The balance: a bar centred on the expected value, the numbers, and a
/// verdict when the run ends.
enum GaugeWidget {
  static let height = 7

  static func render(_ state: DashboardState, in area: Rect, on canvas: inout Canvas) {
    let zh = state.language == .zh
    canvas.box(area, title: "balance")
    let inner = area.inset(1)
    guard !inner.isEmpty else { return }
    let view = state.balance
    guard let value = view.value else {
      canvas.put(
        zh ? "这个场景不用 balance" : "no balance in this scenario", x: inner.x, y: inner.y,
        style: Style(.dim), clip: inner)
      return
    }
    let expected = view.expected ?? 0
    let drift = value - expected
    let ok = drift == 0
    bar(
      value: value, expected: expected, view: view,
      in: Rect(x: inner.x, y: inner.y, width: inner.width, height: 1), on: &canvas)
    var y = inner.y + 1
    func line(_ text: String, _ style: Style) {
      guard y < inner.maxY else { return }
      canvas.put(text, x: inner.x, y: y, style: style, clip: inner)
      y += 1
    }
    line(
      "balance " + Format.grouped(value) + (zh ? "  应为 " : "  expected ")
        + Format.grouped(expected),
      Style(ok ? .gaugeOK : .gaugeDrift, bold: true))
    let driftText = (zh ? "偏差 " : "drift ") + Format.signed(drift)
    var lostText: String?
    if state.scenario == .race || state.scenario == .locked || state.scenario == .atomic {
      lostText =
        view.lostUpdates.map { (zh ? "丢失更新 " : "lost updates ") + Format.grouped($0) }
        ?? (zh ? "丢失更新未追踪（全速）" : "lost: not traced at full speed")
    }
    let driftStyle = Style(ok ? .text : .gaugeDrift)
    if let lostText, TextWidth.of(driftText + "  " + lostText) > inner.width {
      line(driftText, driftStyle)
      line(lostText, Style((view.lostUpdates ?? 0) > 0 ? .lostUpdate : .dim))
    } else {
      line(driftText + (lostText.map { "  " + $0 } ?? ""), driftStyle)
    }
    if state.runState == .finished, state.failedThreads > 0 {
      // With threads missing, a balance that matches proves nothing.
      line(
        zh ? "✘ 并非所有线程都运行了" : "✘ not every thread ran",
        Style(.gaugeDrift, bold: true, reverse: true))
    } else if state.runState == .finished {
      line(
        ok
          ? (zh ? "✔ 正确" : "✔ correct")
          : (zh ? "✘ 错了 " : "✘ wrong by ") + Format.signed(drift),
        Style(ok ? .gaugeOK : .gaugeDrift, bold: true, reverse: true))
    }
    line(
      "min " + Format.grouped(view.minimum ?? value) + "  max "
        + Format.grouped(view.maximum ?? value),
      Style(.dim))
  }

  /// `────────┼████──────`: the fill runs from the expected value (centre)
  /// to the current value, scaled to the largest drift seen.
  static func bar(
    value: Int, expected: Int, view: BalanceView, in area: Rect, on canvas: inout Canvas
  ) {
    let width = area.width
    guard width >= 5 else { return }
    let half = (width - 1) / 2
    let reach = max(
      1, abs((view.minimum ?? value) - expected), abs((view.maximum ?? value) - expected),
      abs(value - expected))
    let offset = Int((Double(value - expected) / Double(reach) * Double(half)).rounded())
    let centre = area.x + half
    canvas.put(
      String(repeating: "─", count: width), x: area.x, y: area.y, style: Style(.dim), clip: area)
    if offset != 0 {
      let from = offset > 0 ? centre + 1 : centre + offset
      canvas.put(
        String(repeating: "█", count: abs(offset)), x: from, y: area.y, style: Style(.gaugeDrift),
        clip: area)
    }
    canvas.put(
      "┼", x: centre, y: area.y, style: Style(offset == 0 ? .gaugeOK : .text, bold: true),
      clip: area)
  }
}
