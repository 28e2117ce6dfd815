import InterleaveRuntime
import InterleaveText

/// Every key and what each glyph of the strip means, in a box over the
/// middle of the screen.
enum HelpWidget {
  static var keys: [(String, KeyHint)] {
    [
      ("1-\(min(9, Scenario.all.count))", .scenario), ("Tab / Shift-Tab", .nextScenario),
      ("space", .pause), ("n", .step),
      ("+ / -", .speed), ("[ / ]", .threads), ("r", .restart), ("t", .theme),
      ("PgUp / PgDn", .page), ("? / Esc", .help), ("q  Ctrl-C", .quit),
    ]
  }

  static func render(_ state: DashboardState, on canvas: inout Canvas) {
    let strings = state.strings
    var rows: [(String, String, Role)] = keys.map {
      (strings.keyName($0.0), strings.help($0.1, theme: state.themeName), .keyHint)
    }
    rows.append(("", "", .text))
    rows.append(("", strings.legendTitle, .title))
    let glyphs = StripGlyph.allCases
    for pair in stride(from: 0, to: glyphs.count, by: 2) {
      let left = StripWidget.symbol(glyphs[pair]) + " " + strings.legend(glyphs[pair])
      let right =
        pair + 1 < glyphs.count
        ? StripWidget.symbol(glyphs[pair + 1]) + " " + strings.legend(glyphs[pair + 1]) : ""
      rows.append((left, right, .text))
    }
    let keyWidth = rows.map { TextWidth.of($0.0) }.max()! + 3
    let width = min(canvas.width - 2, keyWidth + rows.map { TextWidth.of($0.1) }.max()! + 4)
    let height = min(canvas.height - 2, rows.count + 2)
    let area = Rect(
      x: (canvas.width - width) / 2, y: (canvas.height - height) / 2, width: width, height: height)
    canvas.fill(area)
    canvas.box(area, title: strings.helpTitle)
    let inner = area.inset(1)
    for (offset, row) in rows.prefix(inner.height).enumerated() {
      let y = inner.y + offset
      canvas.put(" " + row.0, x: inner.x, y: y, style: Style(row.2, bold: true), clip: inner)
      canvas.put(
        row.1, x: inner.x + keyWidth, y: y, style: Style(row.2 == .title ? .title : .text),
        clip: inner)
    }
  }
}
