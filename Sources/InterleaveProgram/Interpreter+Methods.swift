/// Methods of threads, locks, conditions, semaphores and plain values.
extension Interpreter {
  mutating func method(
    _ receiver: Value, _ name: String, _ arguments: [Value], keywords: [String: Value],
    world: inout W
  ) throws -> Value {
    guard case .object(let index) = receiver else {
      return try valueMethod(receiver, name, arguments, world: &world)
    }
    let object = world.readObjects { $0.objects[index] }
    switch object {
    case .thread(let target):
      return try threadMethod(index, target, name, arguments, keywords, &world)
    case .lock: return try lockMethod(index, name, arguments, keywords, &world)
    case .condition(let lock, _, _):
      return try conditionMethod(index, lock: lock, name, arguments, keywords, &world)
    case .semaphore: return try semaphoreMethod(index, name, arguments, keywords, &world)
    }
  }

  private mutating func noSuchMethod(_ receiver: Value, _ name: String, _ world: inout W) throws
    -> Never
  {
    let type = try typeName(receiver, &world)
    throw PythonError(
      "AttributeError",
      "'\(type.split(separator: ".").last ?? "")' object has no attribute '\(name)'")
  }

  private mutating func threadMethod(
    _ index: Int, _ target: ThreadObject, _ name: String, _ arguments: [Value],
    _ keywords: [String: Value], _ world: inout W
  ) throws -> Value {
    switch name {
    case "start":
      guard target.state == .initial else {
        throw PythonError("RuntimeError", "threads can only be started once")
      }
      world.withObjects { $0.changeThread(index) { $0.state = .started } }
      try world.start(index)
      return .none
    case "join":
      guard index != thread else { throw PythonError("RuntimeError", "cannot join current thread") }
      guard target.state != .initial else {
        throw PythonError("RuntimeError", "cannot join thread before it is started")
      }
      let timeout = try Self.timeout(arguments.first ?? keywords["timeout"])
      _ = try waitStopping(&world, timeout: timeout) { objects in
        objects.thread(index)?.state == .stopped
      }
      return .none
    case "is_alive":
      return .bool(world.readObjects { $0.thread(index)?.state == .started })
    default:
      try noSuchMethod(.object(index), name, &world)
    }
  }

  /// A `timeout` argument: nil waits for ever; a negative one is an error.
  private static func timeout(_ value: Value?) throws(PythonError) -> Double? {
    guard let value, value != .none else { return nil }
    guard let seconds = Operations.number(value) else {
      throw PythonError.typeError("timeout must be a number")
    }
    return seconds
  }

  /// `acquire(blocking=True, timeout=-1)` of a lock (and of a condition's).
  private mutating func acquire(
    _ lock: Int, _ arguments: [Value], _ keywords: [String: Value], _ world: inout W
  ) throws -> Bool {
    let blocking = (arguments.first ?? keywords["blocking"])?.isTrue ?? true
    var timeout = try Self.timeout(arguments.count > 1 ? arguments[1] : keywords["timeout"]) ?? -1
    if !blocking && timeout != -1 {
      throw PythonError.valueError("can't specify a timeout for a non-blocking call")
    }
    if timeout < 0 && timeout != -1 {
      throw PythonError.valueError("timeout value must be a non-negative number")
    }
    if timeout > Module.timeoutMax {
      throw PythonError("OverflowError", "timeout value is too large")
    }
    if timeout == Module.timeoutMax { timeout = -1 }
    if world.beforeStep(thread, line: stepLine) { throw Stop.cancelled }
    let me = thread
    if !blocking { return world.withObjects { $0.tryAcquire(lock, by: me) } }
    if world.triesBeforeWaiting, world.withObjects({ $0.tryAcquire(lock, by: me) }) { return true }
    return try waitStopping(&world, timeout: timeout < 0 ? nil : timeout) {
      $0.tryAcquire(lock, by: me)
    }
  }

  private mutating func lockMethod(
    _ index: Int, _ name: String, _ arguments: [Value], _ keywords: [String: Value],
    _ world: inout W
  ) throws -> Value {
    let me = thread
    switch name {
    case "acquire", "acquire_lock":
      return .bool(try acquire(index, arguments, keywords, &world))
    case "release", "release_lock":
      if world.beforeStep(thread, line: stepLine) { throw Stop.cancelled }
      try world.withObjects { objects throws(PythonError) in try objects.release(index, by: me) }
      return .none
    case "locked", "locked_lock":
      if world.beforeStep(thread, line: stepLine) { throw Stop.cancelled }
      return .bool(world.readObjects { $0.isLocked(index) })
    default:
      try noSuchMethod(.object(index), name, &world)
    }
  }

  private mutating func conditionMethod(
    _ index: Int, lock: Int, _ name: String, _ arguments: [Value], _ keywords: [String: Value],
    _ world: inout W
  ) throws -> Value {
    let me = thread
    switch name {
    case "acquire": return .bool(try acquire(lock, arguments, keywords, &world))
    case "release":
      if world.beforeStep(thread, line: stepLine) { throw Stop.cancelled }
      try world.withObjects { objects throws(PythonError) in try objects.release(lock, by: me) }
      return .none
    case "wait":
      let timeout = try Self.timeout(arguments.first ?? keywords["timeout"])
      if world.beforeStep(thread, line: stepLine) { throw Stop.cancelled }
      try world.withObjects { objects throws(PythonError) in try objects.beginWait(index, by: me) }
      if world.suspendsWaits {
        // The model: taking the lock back is the thread's next step.
        calls.top!.waking = index
        return .bool(true)
      }
      if world.stepsWakes {
        // Under a schedule: waking is a step of its own, as in the model
        // (given only once the wake can pass).
        if world.beforeStep(thread, line: stepLine) { throw Stop.cancelled }
      }
      let woken = try waitStopping(&world, timeout: timeout) { $0.tryEndWait(index, by: me) }
      if !woken {
        // Timed out: leave the waiters and take the lock back.
        world.withObjects { objects in objects.abandonWait(index, by: me) }
        _ = try waitStopping(&world, timeout: nil) { $0.tryAcquire(lock, by: me) }
      }
      return .bool(woken)
    case "notify", "notify_all", "notifyAll":
      let count = name == "notify" ? (arguments.first.flatMap(Operations.integer) ?? 1) : nil
      if world.beforeStep(thread, line: stepLine) { throw Stop.cancelled }
      try world.withObjects { objects throws(PythonError) in
        try objects.notify(index, by: me, count: count)
      }
      return .none
    default:
      try noSuchMethod(.object(index), name, &world)
    }
  }

  private mutating func semaphoreMethod(
    _ index: Int, _ name: String, _ arguments: [Value], _ keywords: [String: Value],
    _ world: inout W
  ) throws -> Value {
    switch name {
    case "acquire":
      let blocking = (arguments.first ?? keywords["blocking"])?.isTrue ?? true
      let timeout = try Self.timeout(arguments.count > 1 ? arguments[1] : keywords["timeout"])
      if world.beforeStep(thread, line: stepLine) { throw Stop.cancelled }
      if !blocking { return .bool(world.withObjects { $0.trySemaphore(index) }) }
      return .bool(try waitStopping(&world, timeout: timeout) { $0.trySemaphore(index) })
    case "release":
      let count = (arguments.first ?? keywords["n"]).flatMap(Operations.integer) ?? 1
      guard count >= 1 else { throw PythonError.valueError("n must be one or more") }
      if world.beforeStep(thread, line: stepLine) { throw Stop.cancelled }
      try world.withObjects { objects throws(PythonError) in
        try objects.releaseSemaphore(index, count: count)
      }
      return .none
    default:
      try noSuchMethod(.object(index), name, &world)
    }
  }

  /// Methods of strings and lists that are not in a variable.
  private mutating func valueMethod(
    _ receiver: Value, _ name: String, _ arguments: [Value], world: inout W
  )
    throws -> Value
  {
    let objects = world.readObjects { $0 }
    switch (receiver, name) {
    case (.str(let text), "upper"): return .str(text.uppercased())
    case (.str(let text), "lower"): return .str(text.lowercased())
    case (.str(let text), "strip"):
      return .str(
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()))
    case (.str(let text), "join"):
      guard let iterable = arguments.first else {
        throw PythonError.typeError("str.join() takes exactly one argument (0 given)")
      }
      var parts: [String] = []
      for item in try Self.items(iterable, objects) {
        guard case .str(let part) = item else {
          throw PythonError.typeError(
            "sequence item \(parts.count): expected str instance, \(item.typeName(objects)) found")
        }
        parts.append(part)
      }
      return .str(parts.joined(separator: text))
    case (.str(let text), "startswith"):
      guard case .str(let prefix) = arguments.first ?? .none else { break }
      return .bool(text.hasPrefix(prefix))
    case (.list, _):
      var copy = receiver
      return try Self.listMethod(&copy, name, arguments)
    default: break
    }
    try noSuchMethod(receiver, name, &world)
  }
}

extension SharedObjects {
  /// A timed-out `wait()`: no longer among the condition's waiters.
  mutating func abandonWait(_ index: Int, by thread: Int) {
    guard case .condition(let lock, var waiting, var notified) = objects[index] else { return }
    waiting.removeAll { $0 == thread }
    notified.removeAll { $0 == thread }
    objects[index] = .condition(lock: lock, waiting: waiting, notified: notified)
  }
}
