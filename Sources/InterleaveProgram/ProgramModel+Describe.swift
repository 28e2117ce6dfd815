extension ProgramModel {
  /// What thread `slot`'s next step does: `read balance, now 5`,
  /// `write balance = 8`, `lock.acquire()`, `print(...)`, `with lock: acquire`.
  /// Nil when it has no step to take.
  public func nextStep(_ state: ModelState, _ slot: Int) -> StepSaid? {
    guard state.threads.indices.contains(slot), let frame = state.threads[slot].calls.top
    else { return nil }
    if frame.waking != nil { return .wake }
    let objects = state.world.objects
    let calls = state.threads[slot].calls
    switch program.functions[frame.function].code[frame.pc] {
    case .loadGlobal(let index):
      return .read(
        global: program.globalNames[index], value: state.world.globals[index]?.repr(objects),
        taken: false)
    case .storeGlobal(let index):
      return .write(
        global: program.globalNames[index], value: calls.peek(0).map { $0.repr(objects) } ?? "?")
    case .callGlobalMethod(let index, let name, _):
      return .method(receiver: program.globalNames[index], name: name, holder: nil)
    case .enter:
      return .enterWith(
        name: name(of: calls.peek(0), state), holder: holder(calls.peek(0), state))
    case .exit: return .exitWith(name: name(of: calls.peek(0), state))
    case .call(let count, _):
      guard case .builtin(let builtin) = calls.peek(count) else { return nil }
      return builtin == .print
        ? .code("print(...)") : builtin == .sleep ? .code("time.sleep(...)") : nil
    case .callMethod(let method, let count, _):
      guard let receiver = calls.peek(count) else { return .code("\(method)()") }
      if case .module(let module) = receiver {
        // Stepped, a sleep keeps its place in the order, not its time: three
        // seconds are one step, as a tenth of one is.
        if method == "sleep", count == 1, let seconds = calls.peek(0) {
          let number: Double? =
            switch seconds {
            case .int(let value): Double(value)
            case .float(let value): value
            case .bool(let value): value ? 1 : 0
            default: nil
            }
          return .sleep(call: "\(module.rawValue).sleep(\(seconds.repr(objects)))", seconds: number)
        }
        return .code("\(module.rawValue).\(method)(...)")
      }
      guard case .object = receiver else { return .code("\(method)()") }
      return .method(
        receiver: name(of: receiver, state), name: method,
        holder: method.hasPrefix("acquire") ? holder(receiver, state) : nil)
    default: return nil
    }
  }

  /// The global thread `slot`'s next step writes (an assignment, or a list
  /// method that changes the list in place), if it writes one.
  public func nextWrite(_ state: ModelState, _ slot: Int) -> Int? {
    guard state.threads.indices.contains(slot), let frame = state.threads[slot].calls.top,
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

  /// The thread (by slot, as the screen numbers threads) that holds the
  /// lock `value`, if any.
  private func holder(_ value: Value?, _ state: ModelState) -> Int? {
    guard let value, case .object(let index) = value,
      case .lock(let lock) = state.world.objects.objects[index], let owner = lock.owner
    else { return nil }
    return state.threads.firstIndex(where: { $0.object == owner })
  }
}
