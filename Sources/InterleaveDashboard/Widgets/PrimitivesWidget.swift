import InterleaveRuntime
import InterleaveText

/// Every primitive: owner, waiters in order, acquisitions, contention, wait
/// and hold times, timeouts; in a deadlock, the cycle.
enum PrimitivesWidget {
  static func render(_ state: DashboardState, in area: Rect, on canvas: inout Canvas) {
    let strings = state.strings
    let names = state.transcript
    canvas.box(area, title: strings.primitivesTitle)
    var writer = LineWriter(area: area.inset(1))
    if let cycle = state.deadlock {
      writer.line(strings.deadlockHeader, Style(.deadlock, bold: true, reverse: true), on: &canvas)
      for (offset, link) in cycle.links.enumerated() {
        writer.line(
          (offset == 0 ? "" : "→ ")
            + strings.cycleLink(
              names.name(link.thread), holds: names.primitive(link.holds).name,
              waits: names.primitive(link.waits).name), Style(.deadlock, bold: true), indent: 1,
          on: &canvas)
      }
      if let first = cycle.links.first {
        writer.line(
          strings.backTo(names.name(first.thread)), Style(.deadlock), indent: 1, on: &canvas)
      }
    }
    if state.primitives.isEmpty {
      writer.line(
        state.scenario.traits.tracksLostUpdates ? strings.noLockRace : strings.noPrimitives,
        Style(.dim), on: &canvas)
      return
    }
    // Where every primitive's full account does not fit, each mutex keeps
    // its owner, waiters and counts, so no primitive below it is cut away.
    // First the share of time held goes, then the wait times, then all but
    // the owner (a deadlock's cycle above says who waits for what).
    let room = writer.area.maxY - writer.y
    let detail =
      Detail.allCases.first { rowsNeeded(state, detail: $0, width: writer.area.width) <= room }
      ?? .owners
    lines(state, detail: detail, &writer, on: &canvas)
    // Lines left out are said, in a row left spare, else on the bottom
    // border, not dropped unsaid.
    if detail != .full, writer.y < writer.area.maxY {
      writer.line(strings.moreInTallerWindow, Style(.dim), on: &canvas)
    } else if detail != .full || writer.leftOut {
      moreOnBorder(area, strings, on: &canvas)
    }
  }

  /// `… more with more rows` on the bottom border of the box at `area`.
  static func moreOnBorder(_ area: Rect, _ strings: any Strings, on canvas: inout Canvas) {
    canvas.put(
      " " + strings.moreInTallerWindow + " ", x: area.x + 2, y: area.maxY - 1,
      style: Style(.dim),
      clip: Rect(x: area.x + 2, y: area.maxY - 1, width: max(0, area.width - 4), height: 1))
  }

  /// How much of a mutex's account is shown.
  private enum Detail: CaseIterable { case full, waits, counts, owners }

  /// Rows every primitive's account takes at `width`.
  private static func rowsNeeded(_ state: DashboardState, detail: Detail, width: Int) -> Int {
    let tall = Rect(x: 0, y: 0, width: width, height: 200)
    var scratch = Canvas(width: width, height: tall.height)
    var writer = LineWriter(area: tall)
    lines(state, detail: detail, &writer, on: &scratch)
    return writer.y
  }

  private static func lines(
    _ state: DashboardState, detail: Detail, _ writer: inout LineWriter, on canvas: inout Canvas
  ) {
    let strings = state.strings
    let names = state.transcript
    for lock in state.primitives {
      guard writer.y < writer.area.maxY else { return }
      switch lock.kind {
      case .mutex: break
      case .semaphore:
        semaphore(lock, state, &writer, on: &canvas)
        continue
      case .condition:
        condition(lock, state, &writer, on: &canvas)
        continue
      }
      var x = writer.area.x
      x += canvas.put(
        lock.name + " ", x: x, y: writer.y, style: Style(.title, bold: true), clip: writer.area)
      if let owner = lock.owner {
        canvas.put(
          strings.owner(names.name(owner)), x: x, y: writer.y,
          style: Style(.lockOwner, bold: true), clip: writer.area)
      } else {
        // Just released, its waiters not yet back: free, and saying why
        // they are still listed.
        canvas.put(
          lock.waiters.isEmpty ? strings.free : strings.freeWaking, x: x, y: writer.y,
          style: Style(.dim), clip: writer.area)
      }
      writer.y += 1
      guard detail != .owners else { continue }
      if !lock.waiters.isEmpty {
        writer.line(
          strings.waiters(lock.waiters.map(names.name)), Style(.lockWaiter), indent: 1,
          on: &canvas)
      }
      writer.line(
        strings.lockCounts(
          acquisitions: Format.grouped(lock.calls),
          contended: Format.grouped(lock.contendedCalls),
          share: Format.percent(lock.callContention), timeouts: lock.timeouts),
        Style(lock.contendedCalls > 0 ? .waiting : .text), indent: 1, on: &canvas)
      guard detail != .counts else { continue }
      // Averages of waits that are over: while none is, and some thread
      // waits, "0 ns" would be false.
      let noneOver = lock.contended + lock.timeouts == 0 && !lock.waiters.isEmpty
      let noneWaited = lock.contended + lock.timeouts == 0 && lock.waiters.isEmpty
      let average = Duration.text(lock.averageWaitNs)
      let longest = Duration.text(lock.maxWaitNs)
      // A wait in progress is in neither figure: said beside them, so a
      // thread stuck for seconds does not sit under "max 800 ms" unsaid.
      writer.line(
        noneWaited
          ? strings.lockNoWaits
          : noneOver
            ? strings.lockWaitsNoneEnded(waiting: lock.waiters.count)
            : lock.waiters.isEmpty
              ? strings.lockWaits(average: average, max: longest)
              : strings.lockWaitsSoFar(max: longest),
        .text, indent: 1, on: &canvas)
      guard detail == .full else { continue }
      writer.line(
        names.heldShare(lock, of: state.elapsedNs).map(strings.lockHeld) ?? strings.holdNotTimed,
        .text, indent: 1, on: &canvas)
    }
  }

  /// `pool  1 of 2 permits left`, who holds one, who waits, the counts.
  static func semaphore(
    _ lock: PrimitiveSnapshot, _ state: DashboardState, _ writer: inout LineWriter,
    on canvas: inout Canvas
  ) {
    let strings = state.strings
    let names = state.transcript
    writer.line(
      lock.name + " " + strings.permitsLeft(lock.permits, of: lock.capacity),
      Style(lock.permits == 0 ? .waiting : .title, bold: true), on: &canvas)
    if !lock.holders.isEmpty {
      writer.line(
        strings.holding(lock.holders.map(names.name)), Style(.lockOwner, bold: true), indent: 1,
        on: &canvas)
    }
    if !lock.waiters.isEmpty {
      writer.line(
        strings.waiters(lock.waiters.map(names.name)), Style(.lockWaiter), indent: 1, on: &canvas)
    }
    writer.line(
      strings.lockCounts(
        acquisitions: Format.grouped(lock.calls), contended: Format.grouped(lock.contendedCalls),
        share: Format.percent(lock.callContention), timeouts: lock.timeouts),
      Style(lock.contendedCalls > 0 ? .waiting : .text), indent: 1, on: &canvas)
  }

  /// `cond` and its wait queue in order, then its counts.
  static func condition(
    _ lock: PrimitiveSnapshot, _ state: DashboardState, _ writer: inout LineWriter,
    on canvas: inout Canvas
  ) {
    let strings = state.strings
    let names = state.transcript
    writer.line(lock.name, Style(.title, bold: true), on: &canvas)
    writer.line(
      lock.waiters.isEmpty ? strings.nobodyWaits : strings.waiters(lock.waiters.map(names.name)),
      Style(lock.waiters.isEmpty ? .dim : .lockWaiter), indent: 1, on: &canvas)
    writer.line(
      strings.conditionCounts(
        waits: Format.grouped(lock.acquisitions), notifies: Format.grouped(lock.notifies)),
      .text, indent: 1, on: &canvas)
  }
}

/// Writes wrapped lines down a rectangle, one after another.
struct LineWriter {
  let area: Rect
  var y: Int
  /// A line, or its rest, found no row (said on the border by the caller).
  private(set) var leftOut = false

  init(area: Rect) {
    self.area = area
    y = area.y
  }

  /// Writes `text` wrapped at words, `indent` cells in; continuation lines
  /// go `hang` cells further.
  mutating func line(
    _ text: String, _ style: Style, indent: Int = 0, hang: Int = 1, on canvas: inout Canvas
  ) {
    guard area.width > indent + 1 else { return }
    let pad = String(repeating: " ", count: indent)
    let width = area.width - indent
    let pieces = Wrap.hanging(text, width: width, indent: hang)
    for (offset, piece) in pieces.enumerated() {
      guard y < area.maxY else {
        leftOut = true
        return
      }
      // The last row there is room for says, with `…`, that the text goes on.
      var shown = piece
      if y == area.maxY - 1, offset < pieces.count - 1 {
        shown =
          TextWidth.of(piece) < width ? piece + "…" : Wrap.shortened(piece + "…", width: width)
      }
      canvas.put(pad + shown, x: area.x, y: y, style: style, clip: area)
      y += 1
    }
  }
}
