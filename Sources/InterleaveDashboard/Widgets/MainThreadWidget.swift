import InterleaveRuntime
import InterleaveText

/// The main thread's one line: its name, tid and what it is doing.
enum MainThreadWidget {
  static func render(
    _ pane: ThreadPane, _ state: DashboardState, in area: Rect, on canvas: inout Canvas
  ) {
    let strings = state.strings
    var x = area.x
    x += canvas.put(
      " " + pane.name + " ", x: x, y: area.y, style: Style(.title, bold: true), clip: area)
    x += canvas.put(strings.tid(pane.tid) + " · ", x: x, y: area.y, style: Style(.dim), clip: area)
    canvas.put(
      strings.mainThreadDoing(pane.state, waitsBy: state.scenario.traits.mainWaits), x: x,
      y: area.y, style: Style(pane.state.role), clip: area)
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
