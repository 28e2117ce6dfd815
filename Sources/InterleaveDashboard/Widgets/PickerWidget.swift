import InterleaveRuntime
import InterleaveText

/// `/`: every scenario with its key and what it shows, one chosen, in a box
/// over the middle of the screen.
enum PickerWidget {
  static func render(_ chosen: Int, _ state: DashboardState, on canvas: inout Canvas) {
    let strings = state.strings
    let scenarios = Scenario.all
    let nameWidth = scenarios.map { TextWidth.of($0.id) }.max() ?? 0
    let width = min(canvas.width - 2, 76)
    let height = min(canvas.height - 2, scenarios.count + 4)
    let area = Rect(
      x: (canvas.width - width) / 2, y: (canvas.height - height) / 2, width: width, height: height)
    canvas.fill(area)
    canvas.box(area, title: strings.pickerTitle)
    let inner = area.inset(1)
    let rows = inner.height - 2
    let first = max(0, min(chosen - rows / 2, scenarios.count - rows))
    for (offset, scenario) in scenarios.enumerated().dropFirst(first).prefix(rows) {
      let y = inner.y + offset - first
      let selected = offset == chosen
      let name = scenario.id + String(repeating: " ", count: nameWidth - TextWidth.of(scenario.id))
      let head = (selected ? "▶ " : "  ") + (scenario.keyLabel ?? " ") + " " + name + "  "
      // A blurb that does not fit ends at a word, with `…`: the chosen
      // one is shown whole below the box.
      let text =
        head + Wrap.shortened(strings.blurb(scenario), width: inner.width - TextWidth.of(head))
      canvas.put(
        text, x: inner.x, y: y,
        style: selected ? Style(.tabActive, bold: true) : Style(.text), clip: inner)
    }
    canvas.put(
      strings.pickerKeys, x: inner.x + 1, y: inner.maxY - 1, style: Style(.keyHint), clip: inner)
  }
}
