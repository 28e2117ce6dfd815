import InterleaveRuntime

extension Chinese: DriveStrings {
  public func driving(steps: Int) -> String { "你来调度 · 已走 \(steps) 步" }

  public func preview(
    _ preview: StepPreview, cell: (Int) -> String, primitive: (Int) -> String,
    thread: (Int) -> String
  ) -> String {
    switch preview {
    case .read(let index, let value): return "下一步：读 \(cell(index))（现在是 \(value)）"
    case .write(let index, let value): return "下一步：写 \(cell(index)) = \(value)"
    case .atomicAdd(let index, let amount): return "下一步：一步完成 \(cell(index)) += \(amount)"
    case .acquire(let id): return "下一步：获取 \(primitive(id))"
    case .blocked(let id, let holder):
      return holder.map { "等待 \(primitive(id))，它被 \(thread($0)) 持有" }
        ?? "等待 \(primitive(id))：许可已用完"
    case .release(let id), .semaphoreRelease(let id): return "下一步：释放 \(primitive(id))"
    case .local(.sleep): return "下一步：sleep"
    case .local(.count): return "下一步：n = n + 1"
    case .local(.bytecode): return "下一步：一条字节码"
    case .wait(let id): return "下一步：\(primitive(id)).wait()"
    case .waitsForNotify(let id): return "等待 \(primitive(id)).notify()"
    case .wake(let id): return "下一步：从 \(primitive(id)).wait() 醒来"
    case .notify(let id, let all): return "下一步：\(primitive(id)).notify\(all ? "_all" : "")()"
    case .fail(let error): return "下一步：抛出 \(error.python)"
    case .put(let items): return "下一步：buffer.append(item)（现有 \(items) 个）"
    case .take(let items):
      return items == 0 ? "下一步：对空缓冲区 buffer.pop(0)" : "下一步：buffer.pop(0)（现有 \(items) 个）"
    case .finished: return "已结束"
    }
  }

  public func driveHint(_ hint: DriveHint) -> String {
    switch hint {
    case .drive: return "停止调度"
    case .stepThread: return "走一步"
    case .auto: return "自动"
    case .undo: return "撤销"
    case .redo: return "重做"
    case .fork: return "所有结局"
    }
  }

  public func driveHelp(_ hint: DriveHint) -> String {
    switch hint {
    case .drive: return "你来调度：由你决定下一步哪个线程走（再按 d 停止）"
    case .stepThread: return "调度时：这个线程走下一步"
    case .auto: return "调度时：让带种子的调度器走一步"
    case .undo: return "调度时：退回一步（在新线程上重放）"
    case .redo: return "调度时：把撤销的一步再走一遍"
    case .fork: return "调度时：从这里还可能有哪些结局，各怎么到达"
    }
  }

  public func cannotStep(_ name: String, because why: String) -> String {
    "\(name) 现在不能走：\(why)"
  }

  public func noSuchThread(_ number: Int, threads: Int) -> String {
    "没有第 \(number) 个线程：按 1-\(threads) 让线程走一步"
  }

  public var runOver: String { "运行已结束：按 u 退回，按 d 停止调度" }
  public var nothingToUndo: String { "还没走任何一步，无可撤销" }
  public var nothingToRedo: String { "没有可重做的步骤" }
  public func stepTaken(_ count: Int, by name: String) -> String { "第 \(count) 步：\(name)" }

  public func forkTitle(total: String, step: Int) -> String {
    "第 \(step) 步之后：还有 \(total) 种调度"
  }

  public var forkKeys: String { "↑↓ 选择 · Enter 走到那里 · Esc 关闭" }

  public func outcome(_ outcome: Outcome) -> String {
    switch outcome.kind {
    case .deadlock: return "死锁"
    case .hang: return "挂起：都在等待"
    default: return outcome.description
    }
  }

  public func preemptions(_ count: Int) -> String { "抢占 \(count) 次" }

  public func drivingSmall(threads: Int, iterations: Int) -> String {
    "驾驶一个小运行：\(threads) 个线程 × 每个 \(iterations) 轮"
  }

  public var forkCounting: String { "正在数从这里出发的所有调度……（Esc 停止）" }

  public func forkTooLarge(states: String) -> String {
    "从这里出发有超过 \(states) 个状态，数不过来。先多走几步，或者换一个小一点的运行（--iterations 2）。"
  }

  public var correctMark: String { "正确" }
}
