import InterleaveRuntime

/// Draws the whole dashboard: `render(state, size) -> Canvas`, pure.
public enum Dashboard {
  public static let minimumWidth = 60
  public static let minimumHeight = 15
  /// From this many workers on, threads show as a one-line-per-thread table.
  public static let tableThreshold = 64

  public static func render(_ state: DashboardState, width: Int, height: Int) -> Canvas {
    var canvas = Canvas(width: width, height: height)
    guard width >= minimumWidth, height >= minimumHeight else {
      TooSmallWidget.render(state, on: &canvas)
      return canvas
    }
    let layout = Layout(state: state, width: width, height: height)
    HeaderWidget.render(state, in: layout.header, on: &canvas)
    if let main = state.panes.first {
      MainThreadWidget.render(main, state, in: layout.mainThread, on: &canvas)
    }
    switch layout.threads {
    case .panes(let rects):
      for (pane, rect) in zip(state.panes.dropFirst(), rects) {
        ThreadPaneWidget.render(pane, state, in: rect, on: &canvas)
      }
    case .table(let rect):
      ThreadTableWidget.render(state, in: rect, on: &canvas)
    }
    StripWidget.render(state, in: layout.strip, on: &canvas)
    if state.figures.isEmpty && state.hang == nil {
      let story = StoryWidget.applies(to: state)
      func upper(_ area: Rect, _ canvas: inout Canvas) {
        if story {
          StoryWidget.render(state, in: area, on: &canvas)
        } else {
          PrimitivesWidget.render(state, in: area, on: &canvas)
        }
      }
      let width = layout.side.width
      let (side, gauge) = Self.shared(layout, state, upper: rowsNeeded(width: width, upper))
      upper(side, &canvas)
      GaugeWidget.render(state, in: gauge, on: &canvas)
    } else if state.scenario.traits.usesBalance {
      // gil, process: their figures, then the balance.
      let (side, gauge) = Self.shared(
        layout, state, upper: FiguresWidget.height(state, width: layout.side.width))
      FiguresWidget.render(state, in: side, on: &canvas)
      GaugeWidget.render(state, in: gauge, on: &canvas)
    } else if state.primitiveSpecs.isEmpty || !state.scenario.traits.showsPrimitives {
      FiguresWidget.render(state, in: layout.side.union(layout.gauge), on: &canvas)
    } else {
      // semaphore, condition: the primitives, then the figures below, as
      // tall as they need (three rows at least, so a new line seldom moves
      // the boxes), the primitives keeping the rest.
      let whole = layout.side.union(layout.gauge)
      let figures = min(max(5, FiguresWidget.height(state, width: whole.width)), whole.height / 2)
      let (top, bottom) = whole.splitBottom(figures)
      PrimitivesWidget.render(state, in: top, on: &canvas)
      FiguresWidget.render(state, in: bottom, on: &canvas)
    }
    CaptionWidget.render(layout.captionLines, in: layout.caption, on: &canvas)
    FooterWidget.render(state, in: layout.footer, on: &canvas)
    if let fork = state.drive?.fork { ForkWidget.render(fork, state, on: &canvas) }
    if let chosen = state.picker { PickerWidget.render(chosen, state, on: &canvas) }
    if state.showHelp { HelpWidget.render(state, on: &canvas) }
    return canvas
  }

  /// The side column shared by a box above the balance gauge that needs
  /// `upper` rows, each as tall as what it has to show: a box cut short
  /// loses its last lines (a lock's owner, a sampled range), so the room
  /// goes where it is needed.
  static func shared(_ layout: Layout, _ state: DashboardState, upper: Int) -> (Rect, Rect) {
    let whole = layout.side.union(layout.gauge)
    let lower = min(
      GaugeWidget.height,
      rowsNeeded(width: whole.width) { GaugeWidget.render(state, in: $0, on: &$1) })
    return whole.splitBottom(lowerRows(total: whole.height, upper: upper, lower: lower))
  }

  /// Rows for the lower of two boxes that need `upper` and `lower` rows out
  /// of `total`: its need when both fit (the upper takes the rest); else its
  /// need up to what the upper leaves, and at least half.
  static func lowerRows(total: Int, upper: Int, lower: Int) -> Int {
    min(lower, max(total / 2, total - upper))
  }

  /// The rows a boxed widget draws in when it has all it wants: its last
  /// written row and the border under it.
  static func rowsNeeded(width: Int, _ render: (Rect, inout Canvas) -> Void) -> Int {
    let height = 40
    var canvas = Canvas(width: width, height: height)
    render(canvas.bounds, &canvas)
    let last = (1..<height - 1).last { row in
      !canvas.line(row).dropFirst().dropLast().allSatisfy { $0 == " " }
    }
    return (last ?? 0) + 2
  }

  /// What is under a cell, for a click or the wheel.
  public enum Hit: Equatable, Sendable {
    case tab(Scenario)
    /// A worker's pane (1-based).
    case pane(Int)
    case table
  }

  public static func hit(_ state: DashboardState, width: Int, height: Int, x: Int, y: Int) -> Hit? {
    guard width >= minimumWidth, height >= minimumHeight else { return nil }
    let layout = Layout(state: state, width: width, height: height)
    if layout.header.contains(x: x, y: y) {
      return HeaderWidget.tabSpans(state, in: layout.header).first { $0.1.contains(x) }
        .map { .tab($0.0) }
    }
    switch layout.threads {
    case .panes(let rects):
      return rects.firstIndex { $0.contains(x: x, y: y) }.map { .pane($0 + 1) }
    case .table(let rect):
      return rect.contains(x: x, y: y) ? .table : nil
    }
  }

  /// Threads per page of the compact table at this size.
  public static func tablePageSize(_ state: DashboardState, width: Int, height: Int) -> Int {
    guard case .table(let rect) = Layout(state: state, width: width, height: height).threads else {
      return max(1, state.threadCount)
    }
    return ThreadTableWidget.rowsPerPage(rect)
  }
}
