/// Why a thread stopped running.
enum Stop: Error {
  /// The run is ending (a quit, or the main thread ended past daemons).
  case cancelled
}

/// Runs one thread of a program: its frames, and every instruction, against
/// a world. The same code runs on real threads and in the explorer.
struct Interpreter<W: World> {
  let program: Program
  /// This thread's object index.
  let thread: Int
  var calls = CallStack()
  /// The value the thread's outermost call returned.
  var result: Value?

  init(program: Program, thread: Int) {
    self.program = program
    self.thread = thread
  }

  var finished: Bool { calls.isEmpty }

  /// Starts the thread in `callee(arguments)`.
  /// - Parameter failing: raised instead, when the thread's `args` could
  ///   not be spread into arguments.
  mutating func begin(
    _ callee: Value, _ arguments: [Value], failing: PythonError? = nil, world: inout W
  ) throws {
    if let failing { throw failing }
    if let value = try call(callee, arguments, keywords: [:], world: &world) {
      result = value
    }
  }

  /// Starts the main thread in `<module>`.
  mutating func beginModule() {
    calls = CallStack()
    calls.push(
      function: 0, localCount: program.functions[0].localNames.count, arguments: EmptyCollection())
  }

  /// Runs until the thread ends. Returns the error it ended with, if any.
  mutating func run(world: inout W) throws(Stop) -> PythonError? {
    while !calls.isEmpty {
      do {
        // One call for many instructions: the instruction's code is inlined
        // into this loop, not entered and left once for each.
        while !calls.isEmpty { try step(world: &world) }
      } catch let error as PythonError {
        if let unhandled = unwind(error) { return unhandled }
      } catch {
        throw .cancelled
      }
    }
    return nil
  }

  /// Goes to the handler for `error` in the innermost frame that has one,
  /// popping frames without; returns the error if none has one.
  mutating func unwind(_ raised: PythonError) -> PythonError? {
    var error = raised
    if error.traceback.isEmpty, let frame = calls.top {
      error.traceback = [traceLine(frame)]
    }
    while let frame = calls.top {
      let at = frame.pc - 1
      if let handler = program.functions[frame.function].handlers.first(where: {
        $0.start <= at && at < $0.end
      }) {
        calls.clearOperands()
        calls.pending[calls.depth - 1] = error
        calls.top!.pc = handler.handler
        return nil
      }
      calls.popFrame()
      if let caller = calls.top { error.traceback.insert(traceLine(caller), at: 0) }
    }
    return error
  }

  private func traceLine(_ frame: Frame) -> TraceLine {
    let function = program.functions[frame.function]
    let at = max(0, min(frame.pc - 1, function.lines.count - 1))
    return TraceLine(function: function.name, line: function.lines.isEmpty ? 0 : function.lines[at])
  }

  // MARK: Stack

  private mutating func push(_ value: Value) { calls.stack.append(value) }
  private mutating func pop() -> Value { calls.stack.removeLast() }
  private mutating func pop(_ count: Int) -> [Value] {
    let values = Array(calls.stack.suffix(count))
    calls.stack.removeLast(count)
    return values
  }
  private var top: Value { calls.stack.last! }

  private mutating func jump(_ target: Int) { calls.top!.pc = target }

  // MARK: Instructions

  /// Waits as `world.wait` does; a wait cut short because the run is
  /// ending (a quit, a deadlock found) stops the thread where it is rather
  /// than going on as if the wait had failed.
  mutating func waitStopping(
    _ world: inout W, timeout: Double?,
    until test: @escaping @Sendable (inout SharedObjects) -> Bool
  ) throws -> Bool {
    let passed = try world.wait(timeout: timeout, line: stepLine, until: test)
    if !passed, world.shouldStop() { throw Stop.cancelled }
    return passed
  }

  /// The source line of the instruction being run (its pc already moved on).
  var stepLine: Int {
    guard let frame = calls.top else { return 0 }
    let lines = program.functions[frame.function].lines
    return lines.isEmpty ? 0 : lines[max(0, min(frame.pc - 1, lines.count - 1))]
  }

  /// The source line of the instruction the thread runs next (0: none);
  /// a condition's wake is on the line of its `wait()`.
  var nextLine: Int {
    guard let frame = calls.top else { return 0 }
    let lines = program.functions[frame.function].lines
    let pc = frame.waking != nil ? frame.pc - 1 : frame.pc
    return lines.isEmpty ? 0 : lines[max(0, min(pc, lines.count - 1))]
  }

  /// The op the thread runs next.
  var next: Op? {
    guard let frame = calls.top else { return nil }
    return program.functions[frame.function].code[frame.pc]
  }

  /// Runs one instruction.
  mutating func execute(world: inout W) throws -> Void { try step(world: &world) }

  @inline(__always)
  private mutating func step(world: inout W) throws -> Void {
    // A frame is plain integers: this copy is a few loads.
    let frame = calls.top!
    if let condition = frame.waking {
      let me = thread
      _ = try waitStopping(&world, timeout: nil) { $0.tryEndWait(condition, by: me) }
      calls.top!.waking = nil
      return
    }
    let function = frame.function
    let base = frame.localBase
    calls.top!.pc += 1
    // Switched on in place: each case copies only what it binds.
    switch program.functions[function].code[frame.pc] {
    case .constant(let value):
      push(value)
    case .loadLocal(let slot):
      guard let value = calls.locals[base + slot] else {
        let name = program.functions[function].localNames[slot]
        throw PythonError(
          "UnboundLocalError",
          "cannot access local variable '\(name)' where it is not associated with a value")
      }
      push(value)
    case .storeLocal(let slot):
      calls.locals[base + slot] = pop()
    case .loadGlobal(let index):
      if world.globalHoldsData(index), world.beforeStep(thread, line: stepLine) {
        throw Stop.cancelled
      }
      guard let value = world.readGlobal(index) else {
        throw PythonError("NameError", "name '\(program.globalNames[index])' is not defined")
      }
      push(value)
    case .storeGlobal(let index):
      if top.isData, world.beforeStep(thread, line: stepLine) { throw Stop.cancelled }
      world.writeGlobal(index, pop())
    case .nameError(let name):
      throw PythonError("NameError", "name '\(name)' is not defined")
    case .pop:
      _ = pop()
    case .duplicate:
      push(top)
    case .binary(let operation):
      let right = pop()
      let left = pop()
      push(try Operations.binary(operation, left, right, world.readObjects { $0 }))
    case .unary(let operation):
      let value = pop()
      push(try Operations.unary(operation, value, world.readObjects { $0 }))
    case .compare(let operation):
      let right = pop()
      let left = pop()
      push(.bool(try Operations.compare(operation, left, right, world.readObjects { $0 })))
    case .jump(let target):
      // A loop back: a quit must reach even a loop with no step in it.
      if target < frame.pc + 1, world.shouldStop() { throw Stop.cancelled }
      jump(target)
    case .jumpIfFalse(let target):
      if !pop().isTrue { jump(target) }
    case .jumpIfTrue(let target):
      if pop().isTrue { jump(target) }
    case .jumpIfFalseOrPop(let target):
      if !top.isTrue { jump(target) } else { _ = pop() }
    case .jumpIfTrueOrPop(let target):
      if top.isTrue { jump(target) } else { _ = pop() }
    case .buildTuple(let count):
      push(.tuple(pop(count)))
    case .buildList(let count):
      push(.list(pop(count)))
    case .concatenate(let count):
      let parts = pop(count)
      var text = ""
      for part in parts { if case .str(let piece) = part { text += piece } }
      guard text.utf8.count <= Limits.stringBytes else {
        throw PythonError("MemoryError", "strings over 1 MiB are not supported here")
      }
      push(.str(text))
    case .format(let conversion, let withSpec):
      var spec = ""
      if withSpec, case .str(let text) = pop() { spec = text }
      let value = pop()
      let objects = world.readObjects { $0 }
      let text = try { () throws(PythonError) -> String in
        switch conversion {
        case "r", "a": return try Value.str(value.repr(objects)).formatted(spec, objects)
        case "s": return try Value.str(value.str(objects)).formatted(spec, objects)
        default: return try value.formatted(spec, objects)
        }
      }()
      push(.str(text))
    case .attribute(let name):
      push(try attribute(pop(), name, world: &world))
    case .storeAttribute(let name):
      let object = pop()
      try setAttribute(object, name, pop(), world: &world)
    case .call(let count, let keywords):
      // A call of a `def` with every argument by position (most calls):
      // the arguments go from the operands to the locals in place.
      if keywords.isEmpty, case .function(let index) = calls.stack[calls.stack.count - count - 1],
        calls.depth < Limits.callDepth, count == program.functions[index].parameters.count
      {
        calls.call(
          function: index, localCount: program.functions[index].localNames.count,
          argumentCount: count)
        return
      }
      let values = pop(count)
      let callee = pop()
      let (positional, named) = Self.split(values, keywords)
      if let value = try call(callee, positional, keywords: named, world: &world) {
        push(value)
      }
    case .callMethod(let name, let count, let keywords):
      let values = pop(count)
      let receiver = pop()
      let (positional, named) = Self.split(values, keywords)
      if case .module = receiver {
        // `threading.Thread(...)`: the module's function, called.
        let callee = try attribute(receiver, name, world: &world)
        if let value = try call(callee, positional, keywords: named, world: &world) { push(value) }
      } else {
        push(try method(receiver, name, positional, keywords: named, world: &world))
      }
    case .callGlobalMethod(let index, let name, let count):
      let arguments = pop(count)
      if world.beforeStep(thread, line: stepLine) { throw Stop.cancelled }
      let globalName = program.globalNames[index]
      push(
        try world.updateGlobal(index) { value throws(PythonError) -> Value in
          guard var current = value else {
            throw PythonError("NameError", "name '\(globalName)' is not defined")
          }
          let result = try Self.listMethod(&current, name, arguments)
          value = current
          return result
        })
    case .callLocalMethod(let slot, let name, let count):
      let arguments = pop(count)
      guard var current = calls.locals[base + slot] else {
        let localName = program.functions[function].localNames[slot]
        throw PythonError(
          "UnboundLocalError",
          "cannot access local variable '\(localName)' where it is not associated with a value")
      }
      calls.locals[base + slot] = nil
      defer { calls.locals[base + slot] = current }
      push(try Self.listMethod(&current, name, arguments))
    case .item:
      let index = pop()
      let base = pop()
      push(try Self.item(base, index))
    case .unpack(let count):
      let value = pop()
      let items: [Value]
      switch value {
      case .tuple(let values), .list(let values): items = values
      case .str(let text): items = text.map { .str(String($0)) }
      default:
        throw PythonError.typeError(
          "cannot unpack non-iterable \(try typeName(value, &world)) object")
      }
      guard items.count == count else {
        throw PythonError.valueError(
          items.count > count
            ? "too many values to unpack (expected \(count))"
            : "not enough values to unpack (expected \(count), got \(items.count))")
      }
      for item in items.reversed() { push(item) }
    case .iterate(let slot):
      let iterable = pop()
      let name = try typeName(iterable, &world)
      calls.locals[base + slot] = .iterator(try Self.iterator(iterable, typeName: name))
    case .forNext(let slot, let exit):
      guard case .iterator(var iterator) = calls.locals[base + slot] else {
        jump(exit)
        return
      }
      if let value = iterator.advance() {
        calls.locals[base + slot] = .iterator(iterator)
        push(value)
      } else {
        calls.locals[base + slot] = nil
        jump(exit)
      }
    case .returnValue:
      let value = pop()
      calls.popFrame()
      if calls.isEmpty { result = value } else { push(value) }
    case .assertFailed(let withMessage):
      var message = ""
      if withMessage {
        let value = pop()
        message = world.readObjects { objects in value.str(objects) }
      }
      throw PythonError("AssertionError", message)
    case .reraise:
      if let pending = calls.pending[calls.depth - 1] { throw pending }
    case .enter:
      let object = pop()
      _ = try method(object, "acquire", [], keywords: [:], world: &world)
    case .exit:
      let object = pop()
      _ = try method(object, "release", [], keywords: [:], world: &world)
    case .makeFunction(let index, _):
      push(.function(index))
    }
  }

  /// A call's arguments: those by position, and those named by `keywords`
  /// (the last values). Most calls name nothing (`lock.acquire()`): then
  /// no table is made.
  private static func split(_ values: [Value], _ keywords: [String]) -> (
    [Value], [String: Value]
  ) {
    guard !keywords.isEmpty else { return (values, [:]) }
    return (
      Array(values.prefix(values.count - keywords.count)),
      Dictionary(
        uniqueKeysWithValues: zip(keywords, values.suffix(keywords.count)).map { ($0, $1) })
    )
  }

  /// `object.name = value`: a thread's `daemon` (before it starts) and
  /// `name`; nothing else can be set here.
  private mutating func setAttribute(
    _ object: Value, _ name: String, _ value: Value, world: inout W
  ) throws(PythonError) {
    let type = try typeName(object, &world)
    guard case .object(let index) = object, world.readObjects({ $0.thread(index) }) != nil else {
      throw PythonError("AttributeError", "'\(type)' object has no attribute '\(name)'")
    }
    guard name == "daemon" || name == "name" else {
      throw PythonError(
        "AttributeError", "setting a thread's '\(name)' is not supported here (daemon, name)")
    }
    if name == "name" {
      guard case .str(let text) = value else {
        throw PythonError.typeError("name must be a str, not \(try typeName(value, &world))")
      }
      world.withObjects { $0.changeThread(index) { $0.name = text } }
      return
    }
    let started = world.readObjects { $0.thread(index)?.state != .initial }
    guard !started else {
      throw PythonError("RuntimeError", "cannot set daemon status of active thread")
    }
    let daemon = value.isTrue
    world.withObjects { $0.changeThread(index) { $0.daemon = daemon } }
  }

  mutating func typeName(_ value: Value, _ world: inout W) throws(PythonError) -> String {
    world.readObjects { objects in value.typeName(objects) }
  }
}
