import InterleaveText

/// A lane per thread showing its last steps in global order, newest at the
/// right, like a profiler's timeline. A lost update is marked in both lanes:
/// `!` on the write that overwrote, `✗` in the lane whose update it wiped out.
enum StripWidget {
  /// The longest a lane label may be.
  static let maximumLabelWidth = 16

  /// Rows wanted for `threads` worker lanes (plus the box), at most `limit`.
  static func height(threads: Int, limit: Int) -> Int { min(threads, max(1, limit - 2)) + 2 }

  /// The glyph of each legend entry.
  static func symbol(_ glyph: StripGlyph) -> String {
    switch glyph {
    case .read: return "R"
    case .write: return "W"
    case .atomic: return "A"
    case .acquire: return "["
    case .release: return "]"
    case .wait: return "~"
    case .conditionWait: return "w"
    case .gilWait: return "g"
    case .sleep: return "z"
    case .tick: return "+"
    case .put: return "P"
    case .take: return "T"
    case .notify: return "N"
    case .bytecode: return "b"
    case .raise: return "E"
    case .overwrote: return "!"
    case .lost: return "✗"
    case .ran: return "■"
    }
  }

  /// `R read · W write · ! overwrote · ✗ lost`, for the glyphs in `seen`.
  static func legend(_ seen: Set<StripGlyph>, _ strings: any Strings) -> String {
    legendEntries(seen, strings).joined(separator: " · ")
  }

  static func legendEntries(_ seen: Set<StripGlyph>, _ strings: any Strings) -> [String] {
    StripGlyph.allCases.filter(seen.contains).map { symbol($0) + " " + strings.legend($0) }
  }

  /// The box's top and bottom headings: the title and the legend, `room`
  /// cells each. A legend too long for the top line goes on in the bottom
  /// border; one too long for both keeps what fits and ends `… ? help`
  /// (the help lists every glyph).
  static func headings(title: String, entries: [String], room: Int, more: String) -> (
    top: String, bottom: String
  ) {
    func fits(_ text: String) -> Bool { TextWidth.of(text) <= room }
    let whole = entries.joined(separator: " · ")
    if entries.isEmpty || fits(title + " · " + whole) {
      return (entries.isEmpty ? title : title + " · " + whole, "")
    }
    // The top: the title and the first entries that fit after it.
    var count = 0
    while count < entries.count,
      fits(title + " · " + entries.prefix(count + 1).joined(separator: " · "))
    {
      count += 1
    }
    let top = count == 0 ? title : title + " · " + entries.prefix(count).joined(separator: " · ")
    let rest = Array(entries.dropFirst(count))
    if fits(rest.joined(separator: " · ")) { return (top, rest.joined(separator: " · ")) }
    for shown in stride(from: rest.count - 1, through: 0, by: -1) {
      let bottom = (rest.prefix(shown) + [more]).joined(separator: " · ")
      if fits(bottom) { return (top, bottom) }
    }
    return (top, "")
  }

  static func render(_ state: DashboardState, in area: Rect, on canvas: inout Canvas) {
    let strings = state.strings
    guard area.height >= 3, area.width >= 20 else { return }
    var title = strings.stripTitle(sampled: state.strip.sampled)
    if state.strip.sampled, let parallelism = state.parallelism {
      title +=
        " · " + (parallelism.sampled ? "~" : "")
        // Out of the most that could run at once: no more than the cores.
        + strings.atOnce(parallelism.value, of: min(state.threadCount, state.cores))
    }
    let heading = headings(
      title: title, entries: legendEntries(state.strip.glyphsSeen, strings),
      room: area.width - 4, more: "… ? " + strings.footer(.help))
    canvas.box(area, title: heading.top)
    if !heading.bottom.isEmpty {
      canvas.put(
        " " + heading.bottom + " ", x: area.x + 1, y: area.maxY - 1, style: Style(.title),
        clip: area)
    }
    let inner = area.inset(1)
    let workers = state.threadCount
    let laneRows = inner.height
    let lanes = workers <= laneRows ? workers : laneRows - 1
    let labels = (1...max(1, workers)).map {
      state.panes.indices.contains($0) ? state.names[$0] : "#\($0)"
    }
    let labelWidth = min(maximumLabelWidth, labels.map(TextWidth.of).max() ?? 8) + 1
    let width = inner.width - labelWidth
    guard width > 0 else { return }
    let columns = state.strip.columns.suffix(width)
    let start = inner.x + labelWidth + (width - columns.count)
    for lane in 0..<max(0, lanes) {
      let thread = lane + 1
      let y = inner.y + lane
      canvas.put(
        TextWidth.padded(TextWidth.abbreviated(labels[lane], to: labelWidth - 1), to: labelWidth),
        x: inner.x, y: y, style: Style(.title), clip: inner)
      canvas.put(
        String(repeating: "·", count: width - columns.count), x: inner.x + labelWidth, y: y,
        style: Style(.dim), clip: inner)
      for (offset, column) in columns.enumerated() {
        let (glyph, style) = cell(for: column, lane: thread)
        canvas.put(glyph, x: start + offset, y: y, style: style, clip: inner)
      }
    }
    if lanes < workers {
      canvas.put(
        strings.moreThreads(workers - lanes), x: inner.x, y: inner.maxY - 1, style: Style(.dim),
        clip: inner)
    }
  }

  static func cell(for column: InterleavingStrip.Column, lane: Int) -> (String, Style) {
    if !column.shows(lane) {
      if column.overwrote == lane { return (symbol(.lost), Style(.lostUpdate, bold: true)) }
      return ("·", Style(.dim))
    }
    if column.overwrote != nil {
      return (symbol(.overwrote), Style(.lostUpdate, bold: true, reverse: true))
    }
    let glyph = column.kind.glyph
    switch column.kind {
    case .read, .take: return (symbol(glyph), Style(.read))
    case .write, .atomic, .put: return (symbol(glyph), Style(.write, bold: true))
    case .acquire: return (symbol(glyph), Style(.acquire, bold: true))
    case .release, .notify: return (symbol(glyph), Style(.release))
    case .bytecode: return (symbol(glyph), Style(.dim))
    case .raise: return (symbol(glyph), Style(.lostUpdate, bold: true, reverse: true))
    case .wait, .conditionWait, .gilWait: return (symbol(glyph), Style(.waiting))
    case .sleep: return (symbol(glyph), Style(.sleeping))
    case .tick, .ran: return (symbol(glyph), Style(.running))
    }
  }
}
