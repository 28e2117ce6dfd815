/// Every lock: owner, waiters in order, acquisitions, contention, wait and
/// hold times, timeouts; in a deadlock, the cycle.
enum LockPanelWidget {
  static func render(_ state: DashboardState, in area: Rect, on canvas: inout Canvas) {
    let zh = state.language == .zh
    canvas.box(area, title: zh ? "锁" : "locks")
    let inner = area.inset(1)
    guard !inner.isEmpty else { return }
    let names = state.transcript
    var y = inner.y
    func line(_ text: String, _ style: Style, indent: Int = 0) {
      for (offset, piece) in Wrap.lines(text, width: inner.width - indent - 1).enumerated() {
        guard y < inner.maxY else { return }
        let pad = String(repeating: " ", count: indent + (offset > 0 ? 1 : 0))
        canvas.put(pad + piece, x: inner.x, y: y, style: style, clip: inner)
        y += 1
      }
    }
    if let cycle = state.deadlock {
      line(
        zh ? "✗ 死锁：等待形成环" : "✗ DEADLOCK: the waits form a cycle",
        Style(.deadlock, bold: true, reverse: true))
      for (offset, link) in cycle.links.enumerated() {
        let arrow = offset == 0 ? "" : "-> "
        line(
          arrow
            + (zh
              ? "\(names.name(link.thread)) 持有 \(names.lock(link.holds))，等待 \(names.lock(link.waits))"
              : "\(names.name(link.thread)) holds \(names.lock(link.holds)), waits \(names.lock(link.waits))"),
          Style(.deadlock, bold: true), indent: 1)
      }
      if let first = cycle.links.first {
        line(
          zh ? "-> 回到 \(names.name(first.thread))" : "-> back to \(names.name(first.thread))",
          Style(.deadlock), indent: 1)
      }
    }
    if state.locks.isEmpty {
      line(
        state.scenario == .race
          ? (zh ? "没有锁：没有什么能阻止交错" : "no lock: nothing stops the interleaving")
          : (zh ? "这个场景没有锁" : "no locks in this scenario"), Style(.dim))
      return
    }
    for lock in state.locks {
      var x = inner.x
      guard y < inner.maxY else { return }
      x += canvas.put(lock.name + " ", x: x, y: y, style: Style(.title, bold: true), clip: inner)
      if let owner = lock.owner {
        x += canvas.put(
          (zh ? "持有者 " : "owner ") + names.name(owner), x: x, y: y,
          style: Style(.lockOwner, bold: true), clip: inner)
      } else {
        x += canvas.put(zh ? "空闲" : "free", x: x, y: y, style: Style(.dim), clip: inner)
      }
      y += 1
      if !lock.waiters.isEmpty {
        line(
          (zh ? "等待: " : "waiters: ") + lock.waiters.map(names.name).joined(separator: ", "),
          Style(.lockWaiter), indent: 1)
      }
      let hold =
        state.elapsedNs == 0 ? 0 : min(1, Double(lock.totalHoldNs) / Double(state.elapsedNs))
      line(
        (zh ? "获取 " : "acq ") + Format.grouped(lock.acquisitions)
          + (zh ? "  争用 " : "  contended ") + Format.percent(lock.contention)
          + (zh ? "  超时 " : "  timeouts ") + "\(lock.timeouts)", .text, indent: 1)
      line(
        (zh ? "等待 均 " : "wait avg ") + Duration.text(lock.averageWaitNs)
          + (zh ? " 最长 " : " max ") + Duration.text(lock.maxWaitNs)
          + (zh ? "  持有 " : "  held ") + Format.percent(hold), .text, indent: 1)
    }
  }
}
