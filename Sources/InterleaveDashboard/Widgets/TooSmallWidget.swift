import InterleaveText

/// Below the minimum size: only a message asking for more room.
enum TooSmallWidget {
  static func render(_ state: DashboardState, on canvas: inout Canvas) {
    let strings = state.strings
    let message = strings.tooSmall(width: Dashboard.minimumWidth, height: Dashboard.minimumHeight)
    let size = strings.nowSize(width: canvas.width, height: canvas.height)
    let y = max(0, canvas.height / 2 - 1)
    canvas.put(
      message, x: max(0, (canvas.width - TextWidth.of(message)) / 2), y: y,
      style: Style(.deadlock, bold: true))
    canvas.put(
      size, x: max(0, (canvas.width - TextWidth.of(size)) / 2), y: y + 1, style: Style(.dim))
  }
}
