import InterleaveDashboard
import InterleavePlatform
import InterleaveProgram
import InterleaveText

/// One frame of a program stepped on its real threads: the code with each
/// thread's place in it, the threads, the globals and what it printed.
/// Pure: the same view and size always draw the same canvas.
struct ProgramFrame {
  /// How the driver is running it.
  enum Pace: Equatable {
    case paused
    /// Steps a second, chosen in turn among the threads that can go.
    case stepping(Int)
    case free
    /// A lesson takes the steps (its captions speak of them).
    case lesson
  }

  var file: String
  var source: [String]
  var view: ProgramStepper.View
  var pace: Pace
  /// The thread whose place the code follows.
  var focus: Int
  var words = ProgramWords.of(.en)
  /// The outcomes still reachable and their schedules (nil: too many to
  /// count; empty: not counted, as when let go).
  var reachable: [(outcome: String, schedules: UInt64?)]? = []
  /// Why the last key did nothing, shown in the footer's place.
  var notice: String?
  /// The focused thread's line taken apart into its steps (`e`): those
  /// taken, then those to come (empty: not shown).
  var expansion: (taken: [StepSaid], coming: [StepSaid]) = ([], [])
  /// A program lesson's caption, over the footer (at most three lines).
  var caption: String?
  /// The footer's keys when not the dashboard's own (a challenge's).
  var keys: String? = nil
  /// Whether a deadlock is explained under the output, with what to do
  /// (not where a deadlock is what the learner was asked for).
  var explainsDeadlock = true
  /// A challenge's count of the schedules from here that reach its goal.
  var goalLine: String? = nil

  func draw(width: Int, height: Int) -> Canvas {
    var canvas = Canvas(width: width, height: height)
    header(&canvas)
    // The code gets the room: 40 columns of a line at 80x24.
    let side = max(28, width * 3 / 8)
    let codeWidth = width - side
    let captionLines = caption.map { CaptionWidget.lines($0, width: width, limit: 3) } ?? []
    let outputHeight = max(4, height / 4) - (captionLines.isEmpty ? 0 : 1)
    let middle = height - 2 - outputHeight - captionLines.count
    code(&canvas, Rect(x: 0, y: 1, width: codeWidth, height: middle))
    // Two rows a thread while the globals keep six.
    let threadsHeight = min(view.threads.count * 2 + 2, max(3, middle - 6))
    threads(&canvas, Rect(x: codeWidth, y: 1, width: side, height: threadsHeight))
    globals(
      &canvas, Rect(x: codeWidth, y: 1 + threadsHeight, width: side, height: middle - threadsHeight)
    )
    output(&canvas, Rect(x: 0, y: 1 + middle, width: width, height: outputHeight))
    if !captionLines.isEmpty {
      CaptionWidget.render(
        captionLines,
        in: Rect(
          x: 0, y: height - 1 - captionLines.count, width: width, height: captionLines.count),
        on: &canvas)
    }
    footer(&canvas, y: height - 1)
    return canvas
  }

  private var status: String {
    if view.deadlock { return words.deadlock }
    if view.ended { return words.finished }
    switch pace {
    case .paused: return words.paused
    case .stepping(let rate): return words.stepping(rate)
    case .free: return words.free
    case .lesson: return words.lessonPlaying
    }
  }

  private func header(_ canvas: inout Canvas) {
    canvas.fill(
      Rect(x: 0, y: 0, width: canvas.width, height: 1), style: Style(.title, reverse: true))
    let count = Format.grouped(view.steps)
    let steps = view.free ? "" : " · " + (words.step == "第" ? "第 \(count) 步" : "step \(count)")
    canvas.put(
      " Interleave · \(file)\(steps) · \(status)", x: 0, y: 0,
      style: Style(view.deadlock ? .deadlock : .title, bold: true, reverse: true))
  }

  /// The code, with each thread's number in the gutter of the line whose
  /// step it takes next; the focused thread's line is kept in sight.
  private func code(_ canvas: inout Canvas, _ area: Rect) {
    canvas.box(area, title: view.free ? words.codeTitleFree : words.codeTitle)
    let inner = Rect(x: area.x + 1, y: area.y + 1, width: area.width - 2, height: area.height - 2)
    guard inner.height > 0, inner.width > 8 else { return }
    var marks: [Int: [Int]] = [:]
    for (slot, thread) in view.threads.enumerated() {
      if let line = thread.line, thread.state != .finished { marks[line, default: []].append(slot) }
    }
    // Where a thread took its last step, if it is not where it stands now.
    var ran: [Int: [Int]] = [:]
    for (slot, thread) in view.threads.enumerated() {
      if let last = thread.lastLine, last != thread.line { ran[last, default: []].append(slot) }
    }
    // Green where a thread can go, amber where all wait; bold for the focus.
    func style(_ line: Int) -> Style {
      let here = marks[line] ?? []
      guard !here.isEmpty else { return .text }
      let canGo = here.contains { view.threads[$0].state == .ready }
      return Style(canGo ? .running : .waiting, bold: here.contains(focus))
    }
    let order =
      ([focus] + marks.values.flatMap { $0 }.sorted()).compactMap { slot in
        view.threads.indices.contains(slot) && view.threads[slot].state != .finished
          ? view.threads[slot].line : nil
      } + ran.keys.sorted()
    // `e`: the focused thread's line taken apart, under it, one step a row.
    let focused = view.threads.indices.contains(focus) ? view.threads[focus] : nil
    let all =
      expansion.taken.map { ("✓ ", words.stepSaid($0), false) }
      + expansion.coming.enumerated().map {
        ($0.offset == 0 ? "▶ " : "· ", words.stepSaid($0.element), $0.offset == 0)
      }
    let parts =
      focused?.state != .finished && focused?.line != nil
      ? Array(all.prefix(max(0, inner.height - 3))) : []
    let number = String(source.count).count
    // Wide enough for every thread number that shares a line (`1,2,3▶`,
    // `1✓2▶`: a thread's last step stays marked beside another's next).
    let widest = Set(marks.keys).union(ran.keys).map { line in
      let (done, next) = Self.gutter(next: marks[line] ?? [], ran: ran[line] ?? [])
      return done.count + next.count
    }.max()
    let gutterWidth = min(12, max(5, widest ?? 0))
    let codeX = inner.x + gutterWidth + number + 1
    // The focused thread's line is read whole: what does not fit goes on
    // the rows under it (other lines are cut with "…").
    var pieces: [String] = []
    if let line = focused?.line, focused?.state != .finished, source.indices.contains(line - 1) {
      let text = Sanitizer.line(Self.expandTabs(source[line - 1]))
      pieces = Self.wrapped(
        text, width: inner.maxX - codeX, rows: max(1, inner.height - parts.count - 2))
    }
    let rows = Self.shownLines(
      marks: order, count: source.count,
      height: inner.height - parts.count - max(0, pieces.count - 1))
    var y = inner.y - 1
    for shown in rows {
      y += 1
      guard let line = shown else {
        // Lines left out between two threads' places.
        canvas.put(
          String(repeating: " ", count: max(0, number - 1)) + "…", x: inner.x + gutterWidth,
          y: y, style: Style(.dim), clip: inner)
        continue
      }
      let whole = line == focused?.line && pieces.count > 1
      defer {
        if whole {
          for piece in pieces.dropFirst() {
            y += 1
            canvas.put(piece, x: codeX, y: y, style: style(line), clip: inner)
          }
        }
        if !parts.isEmpty, line == focused?.line {
          // Whose steps these are, said in words (others may share the
          // line; a bare number read as that thread's place marker).
          let whose = words.stepsOf(focus)
          for (mark, part, next) in parts {
            y += 1
            canvas.put(
              whose
                + String(
                  repeating: " ", count: max(1, gutterWidth + number + 3 - TextWidth.of(whose)))
                + mark + part,
              x: inner.x, y: y,
              style: next ? Style(.running, bold: true) : Style(.dim), clip: inner)
          }
        }
      }
      let here = marks[line] ?? []
      var (done, next) = Self.gutter(next: here, ran: ran[line] ?? [])
      // Past the widest gutter the next steps keep their place, not the last.
      if done.count + next.count > gutterWidth { done = next.isEmpty ? done : "" }
      if !done.isEmpty {
        canvas.put(
          String(done.dropLast().prefix(gutterWidth - 1)) + "✓", x: inner.x, y: y,
          style: Style(.dim))
      }
      if !next.isEmpty {
        canvas.put(
          String(next.dropLast().prefix(gutterWidth - 1 - done.count)) + "▶",
          x: inner.x + done.count, y: y, style: style(line))
      }
      let label = String(repeating: " ", count: number - String(line).count) + "\(line) "
      canvas.put(label, x: inner.x + gutterWidth, y: y, style: Style(.dim), clip: inner)
      let text =
        whole
        ? pieces[0]
        : Self.fitted(Sanitizer.line(Self.expandTabs(source[line - 1])), width: inner.maxX - codeX)
      canvas.put(text, x: codeX, y: y, style: here.isEmpty ? .text : style(line), clip: inner)
    }
  }

  /// `text` in rows of `width` cells, at most `rows` of them (the last cut
  /// with "…" if even they are not enough); the rows after the first are
  /// indented as the line is, so they read as its continuation.
  static func wrapped(_ text: String, width: Int, rows: Int) -> [String] {
    guard width > 8, TextWidth.of(text) > width else { return [text] }
    let indent = String(text.prefix { $0 == " " }) + "  "
    var result: [String] = []
    var rest = Substring(text)
    while !rest.isEmpty {
      let room = result.isEmpty ? width : width - indent.count
      if result.count == rows - 1 || room < 4 {
        result.append((result.isEmpty ? "" : indent) + fitted(String(rest), width: room))
        break
      }
      var piece = TextWidth.prefix(String(rest), fitting: room)
      guard !piece.isEmpty else { break }
      // Broken after a space, a dot, a bracket or a comma where one is near
      // the end, so that no name is split (`threading.` / `current_thread()`).
      let characters = Array(rest)
      if piece.count < characters.count,
        let cut = (piece.count / 2..<piece.count).last(where: {
          " .,(".contains(characters[$0]) && characters[$0 + 1] != characters[$0]
        })
      {
        piece = String(characters[...cut])
      }
      result.append((result.isEmpty ? "" : indent) + piece)
      rest = rest.dropFirst(piece.count)
    }
    return result
  }

  /// A code line in `width` cells. One too long keeps its start and its
  /// end with "…" between (`t1 = threading.Thread(targ…args=(5,))`), so a
  /// call's arguments stay in sight; one with a comment keeps its start.
  static func fitted(_ text: String, width: Int) -> String {
    guard TextWidth.of(text) > width, width > 1 else { return text }
    var tail = ""
    if !text.contains("#") {
      let room = width / 3
      for character in text.reversed() {
        let wider = String(character) + tail
        guard TextWidth.of(wider) <= room else { break }
        tail = wider
      }
    }
    return TextWidth.prefix(text, fitting: width - 1 - TextWidth.of(tail)) + "…" + tail
  }

  /// The lines to show in `height` rows so that every thread's line is in
  /// sight (the focused thread's first): lines around each in turn, nearer
  /// ones first; nil is a row that stands for the lines left out.
  static func shownLines(marks: [Int], count: Int, height: Int) -> [Int?] {
    guard count > 0, height > 0 else { return [] }
    var places: [Int] = []
    for mark in marks where (1...count).contains(mark) && !places.contains(mark) {
      places.append(mark)
    }
    if places.isEmpty { places = [1] }
    func rows(_ lines: [Int]) -> [Int?] {
      var result: [Int?] = []
      for line in lines {
        if let last = result.last, let previous = last, line > previous + 1 { result.append(nil) }
        result.append(line)
      }
      return result
    }
    var shown: Set<Int> = []
    // 0, 1, -1, 2, -2, ...: a thread's own line, then its neighbours.
    var distance = 0
    while distance < count {
      var added = false
      for place in places {
        for line in distance == 0 ? [place] : [place + distance, place - distance]
        where (1...count).contains(line) && !shown.contains(line) {
          shown.insert(line)
          if rows(shown.sorted()).count > height {
            shown.remove(line)
          } else {
            added = true
          }
        }
      }
      if !added && distance > 0 && shown.count >= height { break }
      distance += 1
    }
    return rows(shown.sorted())
  }

  private func threads(_ canvas: inout Canvas, _ area: Rect) {
    // (A `_thread` thread has a name only once it asks for one.)
    canvas.box(area, title: words.threadsTitle)
    // Two rows a thread when there is room: the second says what its next
    // step does (`write balance = 8`).
    let rows = area.height - 2 >= view.threads.count * 2 ? 2 : 1
    for (slot, thread) in view.threads.enumerated() {
      let y = area.y + 1 + slot * rows
      guard y < area.maxY - 1 else { break }
      let (word, role): (String, Role) =
        switch thread.state {
        case .finished: thread.cutOff ? (words.cutOff, .cancelled) : (words.done, .finished)
        case .waiting: (words.waiting, .waiting)
        case .ready: (view.free ? words.running : words.ready, .running)
        }
      // The state first: a long thread name is what gets cut. (Its line is
      // marked in the code, which always shows every thread's line.)
      let clip = Rect(x: area.x + 1, y: y, width: area.width - 2, height: 1)
      let used = canvas.put(
        "\(slot) " + word.padding(8),
        x: area.x + 1, y: y,
        style: Style(role, bold: slot == focus), clip: clip)
      canvas.put(
        TextWidth.cut(thread.name, to: clip.width - used), x: area.x + 1 + used, y: y, clip: clip)
      if rows == 2, let step = thread.next, thread.state != .finished {
        // Waiting for a lock, the lock and its holder are what matter
        // (the code shows the line): `bob_lock: 2 has it`.
        var next = words.stepSaid(step)
        if thread.state == .waiting, TextWidth.of(next) > clip.width - 2, let held = step.heldLock {
          next = words.lockHeldBy(held.name, String(held.holder))
        }
        canvas.put(
          "  " + TextWidth.cut(next, to: clip.width - 2), x: area.x + 1, y: y + 1,
          style: Style(role),
          clip: Rect(x: area.x + 1, y: y + 1, width: area.width - 2, height: 1))
      }
    }
  }

  private func globals(_ canvas: inout Canvas, _ area: Rect) {
    guard area.height >= 3 else { return }
    canvas.box(area, title: view.free && !view.ended ? words.globalsSampled : words.globalsTitle)
    var y = area.y + 1
    func line(_ text: String, _ style: Style = .text) {
      guard y < area.maxY - 1 else { return }
      canvas.put(
        TextWidth.cut(text, to: area.width - 2), x: area.x + 1, y: y, style: style,
        clip: Rect(x: area.x + 1, y: y, width: area.width - 2, height: 1))
      y += 1
    }
    for global in view.globals {
      // Who wrote it last, dim after the value: what a lost update hides.
      guard y < area.maxY - 1 else { break }
      let clip = Rect(x: area.x + 1, y: y, width: area.width - 2, height: 1)
      let text = "\(global.name) = \(global.value)"
      let used = canvas.put(TextWidth.cut(text, to: clip.width), x: area.x + 1, y: y, clip: clip)
      // Whole or not at all: "writte" would say nothing.
      if let writer = global.writer,
        used + TextWidth.of("  " + words.writtenBy(writer)) <= clip.width
      {
        canvas.put(
          "  " + words.writtenBy(writer), x: area.x + 1 + used, y: y, style: Style(.dim), clip: clip
        )
      }
      y += 1
    }
    // Who holds which lock: what a deadlock is made of. Each whole on its
    // line (no-break spaces inside).
    let sync =
      (view.held.map { words.heldBy($0.name, $0.holder) }
      + view.semaphores.map { "\($0.name)=\($0.value)" }).map {
        $0.replacing(" ", with: "\u{A0}")
      }
    if !sync.isEmpty {
      for part in Wrap.lines(words.held(sync), width: area.width - 2) {
        line(part)
      }
    }
    // What the schedules from here can still end in: the learner's choice
    // narrows it step by step.
    guard !view.free, !view.ended else { return }
    guard let reachable else {
      for part in Wrap.lines(words.tooManyToCount, width: area.width - 2) {
        line(part, Style(.dim))
      }
      return
    }
    guard !reachable.isEmpty else {
      line(words.counting, Style(.dim))
      return
    }
    if let goalLine {
      for part in Wrap.lines(goalLine, width: area.width - 2) {
        line(part, Style(.running, bold: true))
      }
    }
    let room = area.maxY - 2 - y
    // A title with no outcome under it says nothing.
    guard room >= 1 else { return }
    // At least one outcome is shown, never only "and 2 more"; with room
    // for one, the title says how many there are.
    let shown = reachable.count <= room ? reachable.count : room >= 2 ? room - 1 : 1
    line(
      room == 1 && reachable.count > 1
        ? words.stillPossibleOf(reachable.count) : words.stillPossible, Style(.title))
    defer {
      if shown < reachable.count, room >= 2 {
        line(words.more(reachable.count - shown), Style(.dim))
      }
    }
    // The count first, so that a long outcome is what gets cut; `×` says
    // it is a count of schedules (a bare `1  ends` read as thread 1).
    let counts = reachable.prefix(shown).map { _, schedules in
      (schedules.map { Format.grouped(Int(clamping: $0)) } ?? "> 2^64") + "×"
    }
    let widest = counts.map(\.count).max() ?? 0
    for ((outcome, _), count) in zip(reachable.prefix(shown), counts) {
      line(
        String(repeating: " ", count: widest - count.count) + "\(count)  "
          + words.outcomeSaid(outcome),
        Style(outcome.hasPrefix("deadlock") ? .deadlock : .text))
    }
  }

  /// A line's gutter in two parts: the threads whose last step ran on it
  /// and whose next is elsewhere (`1✓`), and those whose next step is on it
  /// (`2▶`); each empty when there are none.
  static func gutter(next: [Int], ran: [Int]) -> (done: String, next: String) {
    let done = ran.filter { !next.contains($0) }
    return (
      done.isEmpty ? "" : done.map(String.init).joined(separator: ",") + "✓",
      next.isEmpty ? "" : next.map(String.init).joined(separator: ",") + "▶"
    )
  }

  private func output(_ canvas: inout Canvas, _ area: Rect) {
    canvas.box(area, title: words.outputTitle)
    var lines = view.output.split(separator: "\n", omittingEmptySubsequences: false).map(
      String.init)
    if lines.last == "" { lines.removeLast() }
    var styled = lines.map { (Self.expandTabs($0), Style.text) }
    // At a deadlock, what it is and what to do, under what was printed.
    if view.deadlock, explainsDeadlock {
      styled += Wrap.lines(words.deadlockSaid, width: area.width - 2).map {
        ($0, Style(.deadlock, bold: true))
      }
    }
    for (row, (line, style)) in styled.suffix(area.height - 2).enumerated() {
      let y = area.y + 1 + row
      canvas.put(
        line, x: area.x + 1, y: y, style: style,
        clip: Rect(x: area.x + 1, y: y, width: area.width - 2, height: 1))
    }
  }

  private func footer(_ canvas: inout Canvas, y: Int) {
    if let notice {
      canvas.put(" " + notice, x: 0, y: y, style: Style(.waiting, bold: true))
      return
    }
    let keys =
      self.keys
      ?? (view.free
        ? words.quitOnly
        : view.ended || view.deadlock
          ? words.undoOrQuit : pace == .paused ? words.keys : words.keysRunning)
    canvas.put(keys, x: 0, y: y, style: Style(.keyHint))
  }

  static func expandTabs(_ text: String) -> String {
    text.split(separator: "\t", omittingEmptySubsequences: false).joined(separator: "    ")
  }
}

extension String {
  /// The text padded with spaces to `width` columns (at least one).
  fileprivate func padding(_ width: Int) -> String {
    let used = TextWidth.of(self)
    return used >= width ? self + " " : self + String(repeating: " ", count: width - used)
  }
}
