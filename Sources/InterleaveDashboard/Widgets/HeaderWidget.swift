import InterleaveRuntime
import InterleaveText

/// Row 0: name, scenario tabs, cores, threads, speed, run state, elapsed.
enum HeaderWidget {
  static func render(_ state: DashboardState, in area: Rect, on canvas: inout Canvas) {
    let strings = state.strings
    canvas.fill(area, style: Style(.title, reverse: true))
    var x = area.x
    x += canvas.put(
      " Interleave ", x: x, y: area.y, style: Style(.title, bold: true, reverse: true))
    // While driving, the learner's keys are the pace.
    let speed =
      state.drive != nil
      ? "" : " · " + (state.speed == .full ? strings.fullSpeed : state.speed.description)
    let clock = " " + Format.elapsed(state.elapsedNs) + " "
    let phase = " " + strings.phase(state.phase) + " "
    // From the most to the least verbose; the first that leaves room for tabs wins.
    let candidates = [
      strings.cores(state.cores) + " · "
        + strings.threads(state.threadCount, short: false) + speed + " ",
      strings.threads(state.threadCount, short: true) + speed + " ",
      strings.threads(state.threadCount, short: true) + " ",
      "",
    ]
    let scenarios = Scenario.all
    let minimumTabs =
      3 * (scenarios.count - 1) + TextWidth.of(" \(state.scenario.key) ")
      + TextWidth.of(state.scenario.id) + 1
    let fixed = TextWidth.of(phase) + TextWidth.of(clock)
    let status =
      candidates.first { area.maxX - x - fixed - TextWidth.of($0) >= minimumTabs }
      ?? candidates.last!
    let statusWidth = TextWidth.of(status) + fixed
    let tabsRoom = area.maxX - x - statusWidth
    let full = scenarios.map { " \($0.key) \($0.id) " }
    // When the names do not all fit, only the active tab keeps its name.
    let short = scenarios.map { $0 == state.scenario ? " \($0.key) \($0.id) " : " \($0.key) " }
    let tabs = full.reduce(0) { $0 + TextWidth.of($1) } <= tabsRoom ? full : short
    for (scenario, label) in zip(scenarios, tabs) where x + TextWidth.of(label) <= area.maxX {
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

  static func phaseRole(_ phase: RunPhase) -> Role {
    switch phase {
    case .running: return .title
    case .paused: return .sleeping
    case .finished: return .finished
    case .deadlocked: return .deadlock
    }
  }
}
