import InterleaveText

/// The balance: a bar centred on the expected value, the numbers, and a
/// verdict when the run ends. While the run goes on the balance is neutral
/// (it moves legitimately in flight); only lost updates count as a problem.
enum GaugeWidget {
  static let height = 7

  static func render(_ state: DashboardState, in area: Rect, on canvas: inout Canvas) {
    let strings = state.strings
    canvas.box(area, title: strings.balanceTitle)
    let inner = area.inset(1)
    guard !inner.isEmpty else { return }
    let view = state.balance
    guard let value = view.value else {
      canvas.put(strings.noBalance, x: inner.x, y: inner.y, style: Style(.dim), clip: inner)
      return
    }
    let expected = view.expected ?? 0
    let drift = value - expected
    // What the balance lacks at the end, where every write was traced (a
    // run let go at full speed keeps the traced part's count, now stale).
    let lost = view.lostUpdates.map { view.missingCount ?? $0 } ?? 0
    let over = state.phase == .finished
    let correct = drift == 0 && lost == 0 && state.failedThreads == 0
    // Right in a race whose losses nobody counted: they may have cancelled out.
    let unproven =
      correct && state.scenario.traits.losesUpdates && view.lostUpdates == nil
    // Red or green only once the run has ended.
    let tone: Role = over ? (correct ? .gaugeOK : .gaugeDrift) : .text
    bar(
      value: value, expected: expected, view: view, tone: tone,
      in: Rect(x: inner.x, y: inner.y, width: inner.width, height: 1), on: &canvas)
    var writer = LineWriter(
      area: Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1))
    func line(_ text: String, _ style: Style) { writer.line(text, style, on: &canvas) }
    let valueText = Format.grouped(value)
    let expectedText = Format.grouped(expected)
    line(
      over
        ? strings.balance(valueText, expected: expectedText)
        : strings.balanceNow(valueText, atEnd: expectedText), Style(tone, bold: true))
    if over {
      let verdict: String
      if state.failedThreads > 0 {
        // With threads missing, a balance that matches proves nothing.
        verdict = strings.verdictNotEveryThread
      } else if drift != 0 {
        verdict = strings.verdictWrong(Format.signed(drift))
      } else if lost > 0 {
        verdict = strings.verdictLuck(Format.grouped(lost))
      } else if unproven {
        verdict = strings.verdictUnproven
      } else {
        verdict = strings.verdictCorrect
      }
      line(
        verdict,
        unproven
          ? Style(.text, bold: true)
          : Style(correct ? .gaugeOK : .gaugeDrift, bold: true, reverse: true))
    }
    // The verdict says the drift ("wrong by +774"); under it, the losses.
    if state.scenario.traits.tracksLostUpdates {
      if let counted = view.lostUpdates {
        // What the balance lacks now, where that is not simply every loss
        // (one came back, or one write left out several): the drift is
        // exactly these changes, undone.
        var text = strings.lostUpdates(Format.grouped(counted))
        if let missing = view.missingCount, missing != counted {
          if missing == 0 {
            text = strings.lostNoneMissing(Format.grouped(counted))
          } else if view.missingChanges.isEmpty {
            text = strings.lostNowMissingCount(
              Format.grouped(counted), missing: Format.grouped(missing))
          } else {
            text = strings.lostNowMissing(
              Format.grouped(counted),
              missing: view.missingChanges.map(Format.signed).joined(separator: " "))
          }
        }
        line(text, Style(counted > 0 ? .lostUpdate : .dim, bold: counted > 0))
      } else if case let traced = state.panes.reduce(0, { $0 + $1.lostUpdates }), traced > 0 {
        // Traced while paced, then let go: at least those were lost.
        line(strings.lostAtLeast(Format.grouped(traced)), Style(.lostUpdate, bold: true))
      } else {
        line(strings.lostNotTraced, Style(.dim))
      }
    }
    line(
      strings.range(
        min: Format.grouped(view.minimum ?? value), max: Format.grouped(view.maximum ?? value),
        sampled: view.rangeSampled), Style(.dim))
    if writer.leftOut { PrimitivesWidget.moreOnBorder(area, strings, on: &canvas) }
  }

  /// `────────┼████──────`: the fill runs from the expected value (centre)
  /// to the current value, scaled to the largest distance seen. A balance
  /// that grows from 0 towards its expected end fills from the left
  /// instead (`██████────┼`), so a run just begun reads as just begun, not
  /// as far below its mark.
  static func bar(
    value: Int, expected: Int, view: BalanceView, tone: Role, in area: Rect,
    on canvas: inout Canvas
  ) {
    let width = area.width
    guard width >= 5 else { return }
    if expected > 0, (view.minimum ?? value) >= 0 {
      let top = max(expected, view.maximum ?? value, value)
      func column(_ amount: Int) -> Int {
        Int((Double(amount) / Double(top) * Double(width - 1)).rounded())
      }
      canvas.put(
        String(repeating: "─", count: width), x: area.x, y: area.y, style: Style(.dim), clip: area)
      canvas.put(
        String(repeating: "█", count: column(value)), x: area.x, y: area.y, style: Style(tone),
        clip: area)
      canvas.put(
        "┼", x: area.x + column(expected), y: area.y, style: Style(tone, bold: true), clip: area)
      return
    }
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
        String(repeating: "█", count: abs(offset)), x: from, y: area.y,
        style: Style(tone), clip: area)
    }
    canvas.put("┼", x: centre, y: area.y, style: Style(tone, bold: true), clip: area)
  }
}
