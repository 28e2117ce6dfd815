import InterleaveRuntime
import InterleaveText

/// Every key, what each glyph of the strip means and, where there is room,
/// what each figure counts, in a box over the middle of the screen.
enum HelpWidget {
  /// Each key and what it does; while driving, the drive keys first and
  /// the keys that pace a free run left out.
  static func keys(_ state: DashboardState) -> [(String, String)] {
    let strings = state.strings
    func key(_ name: String, _ hint: KeyHint) -> (String, String) {
      (strings.keyName(name), strings.help(hint, theme: state.themeName))
    }
    func drive(_ name: String, _ hint: DriveHint) -> (String, String) {
      (name, strings.driveHelp(hint))
    }
    let scenarios = Scenario.all.count <= 9 ? "1-\(Scenario.all.count)" : "1-9, 0  /"
    if state.drive != nil {
      return [
        drive("1-\(min(9, state.threadCount))", .stepThread), drive("a", .auto),
        drive("u", .undo), drive("U", .redo), drive("f", .fork), drive("d", .drive),
        key("Tab / Shift-Tab", .nextScenario), key("r", .restart), key("t", .theme),
        key("? / Esc", .help), key("q  Ctrl-C", .quit),
      ]
    }
    return [
      key(scenarios, .scenario), key("Tab / Shift-Tab", .nextScenario), key("space", .pause),
      key("n", .step), key("+ / -", .speed), key("[ / ]", .threads), key("r", .restart),
      drive("d", .drive), key("t", .theme), key("s", .snapshot), key("PgUp / PgDn", .page),
      key("mouse", .mouse), key("? / Esc", .help), key("q  Ctrl-C", .quit),
    ]
  }

  static func render(_ state: DashboardState, on canvas: inout Canvas) {
    let strings = state.strings
    var rows: [(String, String, Role)] = keys(state).map { ($0.0, $0.1, .keyHint) }
    // The legend's title sets it apart: no blank row, so that every glyph
    // fits at 80x24.
    rows.append(("", strings.legendTitle, .title))
    // The strip's glyphs: the key column and two or three more.
    let glyphs = StripGlyph.allCases.map { StripWidget.symbol($0) + " " + strings.legend($0) }
    let cell = (glyphs.map(TextWidth.of).max() ?? 0) + 2
    // Four to a row where the screen is wide enough, else three.
    let perRow = canvas.width >= 80 ? 4 : 3
    for row in stride(from: 0, to: glyphs.count, by: perRow) {
      let rest = glyphs[(row + 1)..<min(row + perRow, glyphs.count)].map {
        $0 + String(repeating: " ", count: max(0, cell - TextWidth.of($0)))
      }
      rows.append((glyphs[row], rest.joined(), .text))
    }
    // What each figure counts, where the screen has room for all of them.
    let figures = strings.figureDefinitions
    let figuresFit = rows.count + figures.count + 1 <= canvas.height - 4
    if figuresFit {
      rows.append(("", strings.figuresTitle, .title))
      rows += figures.map { ($0.0, $0.1, .keyHint) }
    }
    let keyWidth = rows.map { TextWidth.of($0.0) }.max()! + 3
    let width = min(canvas.width - 2, keyWidth + rows.map { TextWidth.of($0.1) }.max()! + 4)
    let height = min(canvas.height - 2, rows.count + 2)
    let area = Rect(
      x: (canvas.width - width) / 2, y: (canvas.height - height) / 2, width: width, height: height)
    canvas.fill(area)
    canvas.box(area, title: strings.helpTitle)
    // Else where to find them, on the bottom border.
    if !figuresFit {
      canvas.put(
        " " + strings.figuresElsewhere + " ", x: area.x + 2, y: area.maxY - 1, style: Style(.title),
        clip: Rect(x: area.x + 2, y: area.maxY - 1, width: max(0, area.width - 4), height: 1))
    }
    let inner = area.inset(1)
    for (offset, row) in rows.prefix(inner.height).enumerated() {
      let y = inner.y + offset
      canvas.put(" " + row.0, x: inner.x, y: y, style: Style(row.2, bold: true), clip: inner)
      // A description too long for a narrow screen ends at a word, with `…`.
      let room = inner.width - keyWidth
      let text = row.2 == .keyHint ? Wrap.shortened(row.1, width: room) : row.1
      canvas.put(
        text, x: inner.x + keyWidth, y: y, style: Style(row.2 == .title ? .title : .text),
        clip: inner)
    }
  }
}
