import InterleaveRuntime
import InterleaveText

/// Row 0: name, scenario tabs, cores, threads, speed, run state, elapsed.
enum HeaderWidget {
  static let name = " Interleave "

  /// Where each scenario's tab is on the header row (for a click).
  static func tabSpans(_ state: DashboardState, in area: Rect) -> [(Scenario, Range<Int>)] {
    var x = area.x + TextWidth.of(name)
    var spans: [(Scenario, Range<Int>)] = []
    for (scenario, label) in zip(Scenario.all, plan(state, in: area).tabs) {
      let width = TextWidth.of(label)
      guard x + width <= area.maxX else { break }
      spans.append((scenario, x..<(x + width)))
      x += width
    }
    return spans
  }

  static func render(_ state: DashboardState, in area: Rect, on canvas: inout Canvas) {
    canvas.fill(area, style: Style(.title, reverse: true))
    var x = area.x
    x += canvas.put(name, x: x, y: area.y, style: Style(.title, bold: true, reverse: true))
    let (tabs, status, phase, clock) = plan(state, in: area)
    let statusWidth = TextWidth.of(status) + TextWidth.of(phase) + TextWidth.of(clock)
    for (scenario, label) in zip(Scenario.all, tabs) where x + TextWidth.of(label) <= area.maxX {
      let active = scenario == state.scenario
      x += canvas.put(
        label, x: x, y: area.y,
        style: active ? Style(.tabActive, bold: true) : Style(.tab, reverse: true), clip: area)
    }
    var sx = max(x, area.maxX - statusWidth)
    sx += canvas.put(status, x: sx, y: area.y, style: Style(.title, reverse: true), clip: area)
    sx += canvas.put(
      phase, x: sx, y: area.y, style: Style(phaseRole(state.phase), bold: true, reverse: true),
      clip: area)
    canvas.put(clock, x: sx, y: area.y, style: Style(.title, bold: true, reverse: true), clip: area)
  }

  /// The tabs' labels and the status texts that fit `area`.
  static func plan(_ state: DashboardState, in area: Rect) -> (
    tabs: [String], status: String, phase: String, clock: String
  ) {
    let strings = state.strings
    let x = area.x + TextWidth.of(name)
    // While driving, the learner's keys are the pace.
    func paceText(_ speed: Speed) -> String {
      speed == .full ? strings.fullSpeed : strings.perStep(speed.description)
    }
    var pace = state.drive != nil ? "" : paceText(state.speed)
    if !pace.isEmpty, let next = state.nextSpeed {
      pace = strings.paceThenNext(pace, next: paceText(next))
    }
    let speed = pace.isEmpty ? "" : " · " + pace
    // A finished run says how long it took, however short.
    let clock =
      " "
      + (state.phase == .finished
        ? Format.runTime(state.elapsedNs) : Format.elapsed(state.elapsedNs))
      + " "
    // Driving, nothing moves until the driver picks: the run waits on them.
    let driving = state.drive != nil && state.phase == .running
    let phase = " " + (driving ? strings.yourTurn : strings.phase(state.phase)) + " "
    // From the most to the least verbose; the first that leaves room for tabs wins.
    // The pace before the thread count: the panes show the threads.
    let candidates = [
      strings.cores(state.cores) + " · "
        + strings.threads(state.threadCount, short: false) + speed + " ",
      strings.threads(state.threadCount, short: true) + speed + " ",
      (pace.isEmpty ? strings.threads(state.threadCount, short: true) : pace) + " ",
      strings.threads(state.threadCount, short: true) + " ",
      "",
    ]
    let scenarios = Scenario.all
    // Each tab is its key (`·` for those reached by Tab and `/` only).
    func key(_ scenario: Scenario) -> String { scenario.keyLabel ?? "·" }
    let active = " \(key(state.scenario)) \(state.scenario.id) "
    // The seed's scenarios, then those beyond it: a tab bar too narrow for
    // every name names those of the active one's group.
    func group(_ scenario: Scenario) -> Bool { scenario.key <= 6 }
    // From the richest to the tightest: every name; the names of the active
    // group; only the active one's; the keys one cell apart.
    let forms = [
      scenarios.map { " \(key($0)) \($0.id) " },
      scenarios.map {
        group($0) == group(state.scenario) ? " \(key($0)) \($0.id) " : " \(key($0)) "
      },
      scenarios.map { $0 == state.scenario ? active : " \(key($0)) " },
      // Keys one cell apart, and one cell after the last: the status
      // never runs into it (`· ·2 thr`).
      scenarios.map { $0 == state.scenario ? active : " " + key($0) }.enumerated().map {
        $0.offset == scenarios.count - 1 && !$0.element.hasSuffix(" ")
          ? $0.element + " " : $0.element
      },
    ]
    func width(_ tabs: [String]) -> Int { tabs.reduce(0) { $0 + TextWidth.of($1) } }
    let fixed = TextWidth.of(phase) + TextWidth.of(clock)
    // Names first, then the speed, then the tabs' breathing room.
    let order = [
      (0, 0), (0, 1), (1, 0), (1, 1), (2, 0), (3, 0), (2, 1), (3, 1), (3, 2), (3, 3), (3, 4),
    ]
    let (form, choice) =
      order.first { form, choice in
        x + width(forms[form]) + TextWidth.of(candidates[choice]) + fixed <= area.maxX
      } ?? (3, 4)
    return (forms[form], candidates[choice], phase, clock)
  }

  static func phaseRole(_ phase: RunPhase) -> Role {
    switch phase {
    case .running: return .title
    case .paused: return .sleeping
    case .finished: return .finished
    case .deadlocked, .hung: return .deadlock
    }
  }
}
