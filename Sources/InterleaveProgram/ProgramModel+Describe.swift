extension ProgramModel {
  /// What thread `slot`'s next step does, in Python's words: `read balance, now 5`,
  /// `write balance = 8`, `lock.acquire()`, `print(...)`, `with: acquire`.
  /// Nil when it has no step to take.
  public func nextStep(_ state: ModelState, _ slot: Int) -> String? {
    guard state.threads.indices.contains(slot), let frame = state.threads[slot].frames.last
    else { return nil }
    if frame.waking != nil { return "wait(): wake" }
    let objects = state.world.objects
    let stack = frame.stack
    switch program.functions[frame.function].code[frame.pc] {
    case .loadGlobal(let index):
      let now = state.world.globals[index].map { ", now " + $0.repr(objects) } ?? ""
      return "read \(program.globalNames[index])" + now
    case .storeGlobal(let index):
      let value = stack.last.map { $0.repr(objects) } ?? "?"
      return "write \(program.globalNames[index]) = \(value)"
    case .callGlobalMethod(let index, let name, _): return "\(program.globalNames[index]).\(name)()"
    case .enter: return "with \(name(of: stack.last, state)): acquire" + held(stack.last, state)
    case .exit: return "with: release"
    case .call(let count, _):
      guard stack.count > count, case .builtin(let builtin) = stack[stack.count - count - 1] else {
        return nil
      }
      return builtin == .print ? "print(...)" : builtin == .sleep ? "time.sleep(...)" : nil
    case .callMethod(let method, let count, _):
      guard stack.count > count else { return "\(method)()" }
      let receiver = stack[stack.count - count - 1]
      if case .module(let module) = receiver {
        // Stepped, a sleep keeps its place in the order, not its time: three
        // seconds are one step, as a tenth of one is.
        if method == "sleep", count == 1, let seconds = stack.last {
          return "\(module.rawValue).sleep(\(seconds.repr(objects))): 1 step"
        }
        return "\(module.rawValue).\(method)(...)"
      }
      guard case .object = receiver else { return "\(method)()" }
      let wait = method.hasPrefix("acquire") ? held(receiver, state) : ""
      return "\(name(of: receiver, state)).\(method)()" + wait
    default: return nil
    }
  }

  /// The global thread `slot`'s next step writes (an assignment, or a list
  /// method that changes the list in place), if it writes one.
  public func nextWrite(_ state: ModelState, _ slot: Int) -> Int? {
    guard state.threads.indices.contains(slot), let frame = state.threads[slot].frames.last,
      frame.waking == nil
    else { return nil }
    switch program.functions[frame.function].code[frame.pc] {
    case .storeGlobal(let index): return index
    case .callGlobalMethod(let index, let name, _):
      return ["append", "pop", "insert", "remove", "clear", "extend", "__setitem__"].contains(name)
        ? index : nil
    default: return nil
    }
  }

  /// The global name a shared object is known by (`lock`), else `lock`.
  private func name(of value: Value?, _ state: ModelState) -> String {
    guard let value, case .object(let index) = value else { return "lock" }
    if let global = state.world.globals.firstIndex(where: { $0 == .object(index) }) {
      return program.globalNames[global]
    }
    return "lock"
  }

  /// `, 2 has it` for a lock thread 2 (by slot, as the screen numbers
  /// threads) holds, else nothing.
  private func held(_ value: Value?, _ state: ModelState) -> String {
    guard let value, case .object(let index) = value,
      case .lock(let lock) = state.world.objects.objects[index], let owner = lock.owner,
      let slot = state.threads.firstIndex(where: { $0.object == owner })
    else { return "" }
    return ", \(slot) has it"
  }
}
