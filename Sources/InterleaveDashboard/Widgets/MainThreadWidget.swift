import InterleaveRuntime
import InterleaveText

/// The main thread's one line: its name, tid and what it is doing; at its
/// right, the schedule a scheduled run follows (`seed 11`, `schedule 1x3 2`).
enum MainThreadWidget {
  static func render(
    _ pane: ThreadPane, _ state: DashboardState, in area: Rect, on canvas: inout Canvas
  ) {
    let strings = state.strings
    var x = area.x
    x += canvas.put(
      " " + pane.name + " ", x: x, y: area.y, style: Style(.title, bold: true), clip: area)
    // Before the thread has reported its tid there is nothing true to say.
    if pane.tid != 0 {
      x += canvas.put(
        strings.tid(pane.tid) + " · ", x: x, y: area.y, style: Style(.dim), clip: area)
    }
    x += canvas.put(
      strings.mainThreadDoing(pane.state, waitsBy: state.scenario.traits.mainWaits), x: x,
      y: area.y, style: Style(pane.state.role), clip: area)
    if let schedule = state.drive.map({ strings.driving(steps: $0.steps) }) ?? state.scheduleLabel {
      let label = " " + schedule + " "
      let width = TextWidth.of(label)
      if x + 1 + width <= area.maxX {
        canvas.put(label, x: area.maxX - width, y: area.y, style: Style(.title, bold: true))
      }
    }
  }
}

extension ThreadState {
  /// The colour of a thread's state.
  var role: Role {
    switch self {
    case .created, .running: return .running
    case .waiting: return .waiting
    case .sleeping: return .sleeping
    case .finished: return .finished
    case .cancelled, .refused: return .cancelled
    }
  }
}
