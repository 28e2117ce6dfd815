import InterleaveText

/// The compact view for many threads: one line per thread, paged.
enum ThreadTableWidget {
  /// A column: its header, width, and how to fill a cell.
  struct Column {
    var header: String
    var width: Int
    var cell: (ThreadPane) -> (String, Style)
  }

  /// Rows of threads that fit in `area` (header and footer lines excluded).
  static func rowsPerPage(_ area: Rect) -> Int { max(1, area.height - 2) }

  /// The columns in order of importance; those that do not fit are left out
  /// (the last one, the latest event, takes whatever room is left).
  static func columns(_ state: DashboardState) -> [Column] {
    let strings = state.strings
    return [
      Column(header: strings.tableHeader(.thread), width: 13) {
        (TextWidth.abbreviated($0.name, to: 13), Style(.title, bold: true))
      },
      Column(header: strings.tableHeader(.state), width: 10) {
        let (label, role) = ThreadPaneWidget.badge($0, state)
        return (label, Style(role, bold: true))
      },
      Column(header: strings.tableHeader(.iterations), width: 12) {
        (Format.grouped($0.iterations), .text)
      },
      Column(header: strings.tableHeader(.lost), width: 7) {
        let lost = $0.lostUpdates + $0.overwritten
        return ("\(lost)", Style(lost > 0 ? .lostUpdate : .dim))
      },
      Column(header: strings.tableHeader(.rate), width: 9) {
        (Format.rate($0.rate) + "/s", .text)
      },
      Column(header: strings.tableHeader(.cpuPercent), width: 5) {
        ($0.cpuPercent.map(Format.cpu) ?? "-", .text)
      },
      Column(header: strings.tableHeader(.core), width: 5) {
        ($0.cpu >= 0 ? "\($0.cpu)" : "-", Style(.dim))
      },
      Column(header: strings.tableHeader(.tid), width: 8) { ("\($0.tid)", Style(.dim)) },
    ]
  }

  static func render(_ state: DashboardState, in area: Rect, on canvas: inout Canvas) {
    guard area.height >= 3 else { return }
    let strings = state.strings
    let workers = Array(state.panes.dropFirst())
    let perPage = rowsPerPage(area)
    let first = min(max(0, state.page), max(0, workers.count - 1)) / perPage * perPage
    var shown: [Column] = []
    var used = 1
    for column in columns(state) where used + column.width + 1 <= area.width {
      shown.append(column)
      used += column.width + 1
    }
    let lastRoom = area.width - used - 1
    canvas.fill(
      Rect(x: area.x, y: area.y, width: area.width, height: 1), style: Style(.border, reverse: true)
    )
    var x = area.x + 1
    for column in shown {
      canvas.put(
        column.header, x: x, y: area.y, style: Style(.border, bold: true, reverse: true), clip: area
      )
      x += column.width + 1
    }
    if lastRoom >= 8 {
      canvas.put(
        strings.tableHeader(.lastEvent), x: x, y: area.y,
        style: Style(.border, bold: true, reverse: true), clip: area)
    }
    for (offset, pane) in workers.dropFirst(first).prefix(perPage).enumerated() {
      let y = area.y + 1 + offset
      var x = area.x + 1
      for column in shown {
        let (text, style) = column.cell(pane)
        canvas.put(
          TextWidth.prefix(text, fitting: column.width), x: x, y: y, style: style, clip: area)
        x += column.width + 1
      }
      if lastRoom >= 8, let last = pane.recent.last {
        canvas.put(last.text, x: x, y: y, style: Style(last.role), clip: area)
      }
    }
    let last = min(workers.count, first + perPage)
    let footer = " " + strings.tablePage(first: first + 1, last: last, of: workers.count)
    canvas.put(footer, x: area.x, y: area.maxY - 1, style: Style(.keyHint), clip: area)
  }
}
