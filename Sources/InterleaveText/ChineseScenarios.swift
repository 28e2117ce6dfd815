import InterleaveRuntime

extension Chinese: ScenarioStrings {
  public func conditionWaits(_ condition: String) -> String {
    "\(condition).wait()：放开锁，开始等待"
  }

  public func notified(_ condition: String) -> String { "被 \(condition).notify 唤醒" }

  public func notifies(_ condition: String, all: Bool, woken: Int) -> String {
    let call = "\(condition).notify\(all ? "_all" : "")()"
    return woken == 0 ? "\(call)：没有线程在等" : "\(call)：唤醒 \(woken) 个"
  }

  public func puts(items: Int) -> String { "buffer.append(item)：缓冲区里有 \(items) 个" }
  public func takes(items: Int) -> String { "buffer.pop(0)：还剩 \(items) 个" }
  public func endedBy(_ error: ModelError) -> String { "因 \(error.pythonType) 而结束" }
  public func raised(_ error: ModelError) -> String { "抛出 \(error.python)" }

  public func hang(waiting: Int) -> String {
    "挂起：\(waiting) 个线程都在等，没人再 notify"
  }

  public func inUse(delta: Int, count: Int) -> String {
    delta > 0 ? "占用一个连接（使用中 \(count)）" : "归还连接（使用中 \(count)）"
  }

  public func bytecode(_ bytecode: Bytecode) -> String {
    switch bytecode {
    case .loadFast: return "LOAD_FAST n"
    case .binaryOp(let add): return "BINARY_OP \(add ? "+" : "-")"
    }
  }

  public var gilSwitch: String { "交出 GIL（到了切换间隔）" }

  public func stores(cell: Int, value: Int) -> String { "\(English.cell(cell)) = \(value)" }

  public func loads(cell: Int, value: Int, thread: Int) -> String {
    "r\(thread) = \(English.cell(cell))（\(value)）"
  }

  public func spawned(pid: Int32) -> String { "fork 出一个子进程（有自己的内存）" }
  public func pid(_ pid: Int32) -> String { "pid \(pid)" }

  public func permitsLeft(_ permits: Int, of capacity: Int) -> String {
    "剩 \(permits) / \(capacity) 个许可"
  }

  public func holding(_ names: [String]) -> String { "持有者 " + names.joined(separator: "、") }

  public func conditionCounts(waits: String, notifies: String) -> String {
    "wait \(waits) 次 · notify \(notifies) 次"
  }

  public var nobodyWaits: String { "没有线程在等" }

  public func semaphoreLine(_ lock: PrimitiveSnapshot, contention: String) -> String {
    "获取 \(lock.acquisitions) 次，等待 \(lock.contended) 次（\(contention)），"
      + "平均等 \(Duration.text(lock.averageWaitNs))，最长 \(Duration.text(lock.maxWaitNs))，"
      + "剩 \(lock.permits) / \(lock.capacity) 个许可"
  }

  public var pickerTitle: String { "场景" }
  public var pickerKeys: String { "↑↓ 选择 · Enter 或它的键切换 · Esc 关闭" }

  public func figuresTitle(_ scenario: String) -> String {
    Scenario(id: scenario)?.words.figuresTitle?.zh ?? scenario
  }

  public func figure(_ figure: ScenarioFigure, names: (Int) -> String) -> [String] {
    switch figure {
    case .concurrency(let now, let most, let limit):
      return [
        "正在用的连接  \(now) / \(limit)",
        most > limit ? "同时最多      \(most)：超过了 \(limit)！" : "同时最多      \(most)（上限 \(limit)）",
      ]
    case .buffer(let items, let capacity, let produced, let consumed):
      let slots =
        String(repeating: "■", count: min(items, 32))
        + String(repeating: "□", count: max(0, min(capacity, 32) - items))
      return ["缓冲区  \(slots)  \(items)/\(capacity)", "放入 \(produced)  取出 \(consumed)"]
    case .errors(let error, let count):
      return ["\(error.python) ×\(count)"]
    case .gil(let holder, let switches, let rule, let interval):
      return [
        "持有者  " + (holder.map(names) ?? "无"),
        "易手 \(Format.grouped(switches)) 次",
        rule == .backedge ? "只在函数入口和循环回跳处切换" : "任意两条字节码之间都可切换",
        "等待者 \(Duration.text(interval)) 后请求交出",
      ]
    case .outcomes(let counts, let trials, let fenced, let cpus):
      var lines = counts.map {
        "\($0.label)  " + Format.grouped($0.count).leftPadded(11) + ($0.predicted ? "" : "  重排了")
      }
      lines.append("\(Format.grouped(trials)) 次试验" + (fenced ? " · 有屏障" : " · relaxed"))
      if cpus < 2 { lines.append("只有一个 CPU：看不到重排") }
      return lines
    case .processes(let children):
      return children.map {
        "\(names($0.worker))  balance \($0.balance)" + ($0.ended ? "  已结束" : "")
      }
    }
  }

  public func summary(_ figure: ScenarioFigure, names: (Int) -> String) -> [(String, String)] {
    switch figure {
    case .concurrency(_, let most, let limit):
      return [("同时最多", "\(most) 个（\(limit) 个许可）")]
    case .buffer(let items, _, let produced, let consumed):
      return [("缓冲区", "放入 \(produced)，取出 \(consumed)，剩 \(items)")]
    case .errors(let error, let count):
      return [("抛出", "\(error.python)（\(count) 次）")]
    case .gil(_, let switches, let rule, let interval):
      return [
        (
          "GIL",
          "易手 \(Format.grouped(switches)) 次（\(rule.rawValue)，\(Duration.text(interval))）"
        )
      ]
    case .outcomes(let counts, let trials, let fenced, _):
      return [("试验", Format.grouped(trials) + (fenced ? "（有屏障）" : "（relaxed）"))]
        + counts.map {
          ($0.label, Format.grouped($0.count) + ($0.predicted ? "" : "（不是顺序一致的结果）"))
        }
    case .processes(let children):
      return children.map { ("pid \($0.pid)", "\(names($0.worker))：balance \($0.balance)") }
    }
  }
}
