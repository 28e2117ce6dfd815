extension ProgramModel {
  /// What thread `slot`'s next step does, in Python's words: `read balance`,
  /// `write balance = 8`, `lock.acquire()`, `print(...)`, `with: acquire`.
  /// Nil when it has no step to take.
  public func nextStep(_ state: ModelState, _ slot: Int) -> String? {
    guard state.threads.indices.contains(slot), let frame = state.threads[slot].frames.last
    else { return nil }
    if frame.waking != nil { return "wait(): wake" }
    let objects = state.world.objects
    let stack = frame.stack
    switch program.functions[frame.function].code[frame.pc] {
    case .loadGlobal(let index): return "read \(program.globalNames[index])"
    case .storeGlobal(let index):
      let value = stack.last.map { $0.repr(objects) } ?? "?"
      return "write \(program.globalNames[index]) = \(value)"
    case .callGlobalMethod(let index, let name, _): return "\(program.globalNames[index]).\(name)()"
    case .enter: return "with: acquire"
    case .exit: return "with: release"
    case .call(let count, _):
      guard stack.count > count, case .builtin(let builtin) = stack[stack.count - count - 1] else {
        return nil
      }
      return builtin == .print ? "print(...)" : builtin == .sleep ? "time.sleep(...)" : nil
    case .callMethod(let name, _, _): return "\(name)()"
    default: return nil
    }
  }
}
