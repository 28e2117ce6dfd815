/// Where each widget goes for a given size and thread count.
struct Layout {
  enum Threads: Equatable {
    /// One rectangle per worker pane.
    case panes([Rect])
    /// The compact table.
    case table(Rect)
  }

  var header: Rect
  var mainThread: Rect
  var threads: Threads
  var strip: Rect
  /// The primitives panel, or the lost-update story where there is no primitive.
  var side: Rect
  var gauge: Rect
  var caption: Rect
  /// The caption wrapped to fit `caption`.
  var captionLines: [String]
  var footer: Rect

  /// The narrowest a pane may be.
  static let minimumPaneWidth = 26

  init(state: DashboardState, width: Int, height: Int) {
    let screen = Rect(x: 0, y: 0, width: width, height: height)
    var (top, rest) = screen.splitTop(1)
    header = top
    var bottom: Rect
    (rest, bottom) = rest.splitBottom(1)
    footer = bottom
    captionLines = CaptionWidget.lines(state.caption, width: width, limit: max(2, height / 8))
    (rest, bottom) = rest.splitBottom(max(1, captionLines.count))
    caption = bottom
    let stripHeight = StripWidget.height(threads: state.threadCount, limit: max(4, rest.height / 3))
    (rest, bottom) = rest.splitBottom(stripHeight)
    strip = bottom
    (top, rest) = rest.splitTop(1)
    mainThread = top
    let sideWidth = max(30, width * 38 / 100)
    var (left, side) = rest.splitLeft(rest.width - sideWidth)
    let gaugeHeight = min(GaugeWidget.height, side.height / 2)
    (side, bottom) = side.splitBottom(gaugeHeight)
    gauge = bottom
    self.side = side
    threads = Layout.threads(count: state.threadCount, in: left)
    // A focused pane takes the whole area; the others are not drawn.
    if let focus = state.focus, case .panes(let rects) = threads, rects.indices.contains(focus - 1)
    {
      threads = .panes(
        rects.indices.map { $0 == focus - 1 ? left : Rect(x: 0, y: 0, width: 0, height: 0) })
    }
  }

  /// A grid of panes when every worker fits with its name and at least a
  /// line of numbers; otherwise the table.
  static func threads(count: Int, in area: Rect) -> Threads {
    guard count < Dashboard.tableThreshold, count > 0 else { return .table(area) }
    var best: (rows: Int, columns: Int, height: Int, width: Int)?
    for columns in 1...4 {
      let rows = (count + columns - 1) / columns
      let height = area.height / rows
      let width = (area.width - (columns - 1)) / columns
      guard height >= 2, width >= minimumPaneWidth else { continue }
      // Prefer taller panes (up to 8 lines), then wider ones.
      if best == nil || min(height, 8) > min(best!.height, 8) {
        best = (rows, columns, height, width)
      }
    }
    guard let grid = best else { return .table(area) }
    let rects = (0..<count).map { index in
      Rect(
        x: area.x + (index % grid.columns) * (grid.width + 1),
        y: area.y + (index / grid.columns) * grid.height,
        width: grid.width, height: grid.height - (grid.height > 3 ? 1 : 0))
    }
    return .panes(rects)
  }
}
