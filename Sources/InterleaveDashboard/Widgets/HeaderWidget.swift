import InterleaveRuntime

/// Row 0: name, scenario tabs, cores, threads, speed, run state, elapsed.
enum HeaderWidget {
  static func render(_ state: DashboardState, in area: Rect, on canvas: inout Canvas) {
    canvas.fill(area, style: Style(.title, reverse: true))
    var x = area.x
    x += canvas.put(
      " Interleave ", x: x, y: area.y, style: Style(.title, bold: true, reverse: true))
    let zh = state.language == .zh
    let speed =
      state.speed == .full
      ? (zh ? "全速" : "full speed") : state.speed.description
    let run =
      (state.scheduleLabel.map { $0 + " · " } ?? "") + runLabel(state) + " "
      + Format.elapsed(state.elapsedNs) + " "
    // From the most to the least verbose; the first that leaves room for tabs wins.
    let candidates =
      zh
      ? [
        "\(state.cores) 核 · \(state.threadCount) 线程 · \(speed) · \(run)",
        "\(state.cores)核 \(state.threadCount)线程 · \(run)",
      ]
      : [
        "\(state.cores) cores · \(state.threadCount) threads · \(speed) · \(run)",
        "\(state.cores) cores · \(state.threadCount) thr · \(state.speed) · \(run)",
        "\(state.threadCount) thr · \(run)",
      ]
    let minimumTabs =
      3 * (Scenario.allCases.count - 1)
      + TextWidth.of(" \(state.scenario.key) \(state.scenario.rawValue) ")
    let status =
      candidates.first { area.maxX - x - TextWidth.of($0) >= minimumTabs } ?? candidates.last!
    let statusWidth = TextWidth.of(status)
    let tabsRoom = area.maxX - x - statusWidth
    let full = Scenario.allCases.map { " \($0.key) \($0.rawValue) " }
    // When the names do not all fit, only the active tab keeps its name.
    let short = Scenario.allCases.map {
      $0 == state.scenario ? " \($0.key) \($0.rawValue) " : " \($0.key) "
    }
    let tabs = full.reduce(0) { $0 + TextWidth.of($1) } <= tabsRoom ? full : short
    for (scenario, label) in zip(Scenario.allCases, tabs) {
      let active = scenario == state.scenario
      x += canvas.put(
        label, x: x, y: area.y,
        style: active ? Style(.tabActive, bold: true) : Style(.tab, reverse: true), clip: area)
    }
    canvas.put(
      status, x: max(x, area.maxX - statusWidth), y: area.y,
      style: Style(runRole(state), bold: true, reverse: true), clip: area)
  }

  static func runLabel(_ state: DashboardState) -> String {
    let zh = state.language == .zh
    switch state.runState {
    case .running: return zh ? "● 运行中" : "● running"
    case .paused: return zh ? "‖ 已暂停" : "‖ paused"
    case .finished: return zh ? "■ 已结束" : "■ finished"
    case .deadlocked: return zh ? "✗ 死锁" : "✗ deadlocked"
    }
  }

  static func runRole(_ state: DashboardState) -> Role {
    switch state.runState {
    case .running: return .title
    case .paused: return .sleeping
    case .finished: return .finished
    case .deadlocked: return .deadlock
    }
  }
}
