import InterleaveRuntime
import InterleaveText

/// A scenario's own figures (the pool in use, the buffer, the GIL, what the
/// CPU did, each process's balance), and a hang when there is one.
enum FiguresWidget {
  static func render(_ state: DashboardState, in area: Rect, on canvas: inout Canvas) {
    let strings = state.strings
    canvas.box(area, title: strings.figuresTitle(state.scenario.id))
    var writer = LineWriter(area: area.inset(1))
    lines(state, &writer, on: &canvas)
  }

  /// Rows the figures take inside a box `width` cells wide, borders included.
  static func height(_ state: DashboardState, width: Int) -> Int {
    let tall = Rect(x: 0, y: 0, width: max(1, width - 2), height: 100)
    var scratch = Canvas(width: tall.width, height: tall.height)
    var writer = LineWriter(area: tall)
    lines(state, &writer, on: &scratch)
    return writer.y + 2
  }

  private static func lines(
    _ state: DashboardState, _ writer: inout LineWriter, on canvas: inout Canvas
  ) {
    let strings = state.strings
    if let waiting = state.hang {
      writer.line(
        strings.hang(waiting: waiting.count), Style(.deadlock, bold: true, reverse: true),
        on: &canvas)
    }
    for figure in state.figures {
      let lines = strings.figure(figure, names: state.transcript.name)
      for (offset, line) in lines.enumerated() {
        writer.line(line, style(figure, line: offset), on: &canvas)
      }
    }
  }

  /// Trouble in red: errors, a limit passed, outcomes no interleaving gives.
  static func style(_ figure: ScenarioFigure, line: Int) -> Style {
    switch figure {
    case .errors: return Style(.lostUpdate, bold: true)
    case .concurrency(_, let most, let limit) where line == 1 && most > limit:
      return Style(.lostUpdate, bold: true)
    case .outcomes(let counts, _, _, _) where counts.indices.contains(line):
      let count = counts[line]
      if !count.predicted { return Style(count.count > 0 ? .lostUpdate : .dim, bold: true) }
      return Style(.text)
    case .gil where line == 0: return Style(.lockOwner, bold: true)
    default: return Style(.text)
    }
  }
}
