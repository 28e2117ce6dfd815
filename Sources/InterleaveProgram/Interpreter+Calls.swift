import Glibc

/// Calls: the program's functions, the built-ins and the methods of
/// values and shared objects.
extension Interpreter {
  /// Calls `callee`; a function of the program gets a frame (nil: its
  /// result comes when it returns), anything else returns at once.
  mutating func call(
    _ callee: Value, _ arguments: [Value], keywords: [String: Value], world: inout W
  ) throws -> Value? {
    switch callee {
    case .function(let index):
      // Every parameter given by position (the usual call): no checks to make.
      if keywords.isEmpty, calls.depth < Limits.callDepth,
        arguments.count == program.functions[index].parameters.count
      {
        calls.push(
          function: index, localCount: program.functions[index].localNames.count,
          arguments: arguments)
        return nil
      }
      let function = program.functions[index]
      guard calls.depth < Limits.callDepth else {
        throw PythonError(
          "RecursionError", "calls deeper than \(Limits.callDepth) are not supported here")
      }
      var locals = [Value?](repeating: nil, count: function.localNames.count)
      let parameters = function.parameters
      guard arguments.count <= parameters.count else {
        throw PythonError.typeError(
          "\(function.name)() takes \(Self.count(parameters.count, "positional argument")) but \(arguments.count) \(arguments.count == 1 ? "was" : "were") given"
        )
      }
      for (slot, value) in arguments.enumerated() { locals[slot] = value }
      for (name, value) in keywords {
        guard let slot = parameters.firstIndex(of: name) else {
          throw PythonError.typeError(
            "\(function.name)() got an unexpected keyword argument '\(name)'")
        }
        guard locals[slot] == nil else {
          throw PythonError.typeError(
            "\(function.name)() got multiple values for argument '\(name)'")
        }
        locals[slot] = value
      }
      let firstDefault = parameters.count - function.defaults.count
      for slot in 0..<parameters.count where locals[slot] == nil && slot >= firstDefault {
        locals[slot] = function.defaults[slot - firstDefault]
      }
      let missing = (0..<parameters.count).filter { locals[$0] == nil }.map {
        "'\(parameters[$0])'"
      }
      if !missing.isEmpty {
        let listed =
          missing.count == 1
          ? missing[0] : missing.dropLast().joined(separator: ", ") + " and " + missing.last!
        throw PythonError.typeError(
          "\(function.name)() missing \(missing.count) required positional argument\(missing.count == 1 ? "" : "s"): \(listed)"
        )
      }
      calls.push(function: index, locals: locals)
      return nil
    case .builtin(let builtin):
      return try self.builtin(builtin, arguments, keywords: keywords, world: &world)
    case .type(let name):
      throw PythonError.typeError("calling the class '\(name)' is not supported here")
    default:
      throw PythonError.typeError("'\(try typeName(callee, &world))' object is not callable")
    }
  }

  static func count(_ number: Int, _ noun: String) -> String {
    "\(number) \(noun)\(number == 1 ? "" : "s")"
  }

  /// The one positional-or-keyword argument `name` at `position`, if given.
  private static func argument(
    _ arguments: [Value], _ keywords: [String: Value], _ position: Int, _ name: String
  ) -> Value? {
    position < arguments.count ? arguments[position] : keywords[name]
  }

  /// `round(value, places)` as CPython does it: to the nearest decimal of
  /// the exact binary value, ties to even (printf's rounding is exact), so
  /// `round(2.675, 2)` is 2.67 (2.675 is 2.67499999... in binary).
  static func round(_ value: Double, _ places: Int) -> Double {
    guard value.isFinite, abs(value) < 1e15, (0...15).contains(places) else {
      guard places < 0, value.isFinite else { return value }
      let scale = pow(10.0, Double(-places))
      return (value / scale).rounded(.toNearestOrEven) * scale
    }
    var buffer = [CChar](repeating: 0, count: 64)
    _ = withVaList([places, value]) { vsnprintf(&buffer, buffer.count, "%.*f", $0) }
    let text = String(
      decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return Double(text) ?? value
  }

  private static func arity(_ arguments: [Value], _ range: ClosedRange<Int>, _ function: String)
    throws(PythonError)
  {
    guard range.contains(arguments.count) else {
      if range.lowerBound == range.upperBound {
        throw PythonError.typeError(
          range.lowerBound == 0
            ? "\(function)() takes no arguments (\(arguments.count) given)"
            : "\(function)() takes exactly \(count(range.lowerBound, "argument")) (\(arguments.count) given)"
        )
      }
      throw PythonError.typeError(
        arguments.count < range.lowerBound
          ? "\(function) expected at least \(count(range.lowerBound, "argument")), got \(arguments.count)"
          : "\(function) expected at most \(count(range.upperBound, "argument")), got \(arguments.count)"
      )
    }
  }

  private mutating func newObject(_ object: SharedObject, _ world: inout W) -> Value {
    .object(world.withObjects { objects in objects.add(object) })
  }

  private static func seconds(_ value: Value?, _ function: String) throws(PythonError) -> Double? {
    guard let value, value != .none else { return nil }
    guard let seconds = Operations.number(value) else {
      throw PythonError.typeError("'\(value)' object cannot be interpreted as a number")
    }
    return seconds
  }

  mutating func builtin(
    _ builtin: Builtin, _ arguments: [Value], keywords: [String: Value], world: inout W
  ) throws -> Value {
    let objects = world.readObjects { $0 }
    switch builtin {
    case .print:
      // flush=: every print is written at once here anyway.
      for name in keywords.keys where !["sep", "end", "flush"].contains(name) {
        throw PythonError.typeError("'\(name)' is an invalid keyword argument for print()")
      }
      let separator = try Self.text(keywords["sep"], default: " ", "sep")
      let end = try Self.text(keywords["end"], default: "\n", "end")
      let text = arguments.map { $0.str(objects) }.joined(separator: separator) + end
      if world.beforeStep(thread, line: stepLine) { throw Stop.cancelled }
      world.write(text)
      return .none
    case .range:
      try Self.arity(arguments, 1...3, "range")
      var bounds: [Int] = []
      for argument in arguments {
        guard let bound = Operations.integer(argument) else {
          throw PythonError.typeError(
            "'\(argument.typeName(objects))' object cannot be interpreted as an integer")
        }
        bounds.append(bound)
      }
      let start = bounds.count == 1 ? 0 : bounds[0]
      let stop = bounds.count == 1 ? bounds[0] : bounds[1]
      let step = bounds.count == 3 ? bounds[2] : 1
      guard step != 0 else { throw PythonError.valueError("range() arg 3 must not be zero") }
      return .iterator(Iterator(source: .range(stop: stop, step: step), next: start))
    case .len:
      try Self.arity(arguments, 1...1, "len")
      switch arguments[0] {
      case .str(let text): return .int(text.count)
      case .list(let items), .tuple(let items): return .int(items.count)
      case .iterator(let iterator):
        if case .range(let stop, let step) = iterator.source {
          let span = step > 0 ? stop - iterator.next : iterator.next - stop
          return .int(max(0, (span + abs(step) - 1) / abs(step)))
        }
        return .int(0)
      default:
        throw PythonError.typeError(
          "object of type '\(arguments[0].typeName(objects))' has no len()")
      }
    case .type:
      try Self.arity(arguments, 1...1, "type")
      return .type(arguments[0].typeName(objects))
    case .str:
      return .str(arguments.first?.str(objects) ?? "")
    case .repr:
      try Self.arity(arguments, 1...1, "repr")
      return .str(arguments[0].repr(objects))
    case .int:
      guard let value = arguments.first else { return .int(0) }
      switch value {
      case .int, .bool: return .int(Operations.integer(value)!)
      case .float(let number):
        guard number.isFinite, abs(number) < 9.2e18 else {
          throw PythonError("OverflowError", "cannot convert float infinity to integer")
        }
        return .int(Int(number))
      case .str(let text):
        guard let number = Int(text.filter { $0 != "_" && !$0.isWhitespace }) else {
          throw PythonError.valueError(
            "invalid literal for int() with base 10: \(Value.quoted(text))")
        }
        return .int(number)
      default:
        throw PythonError.typeError(
          "int() argument must be a string, a bytes-like object or a real number, not '\(value.typeName(objects))'"
        )
      }
    case .float:
      guard let value = arguments.first else { return .float(0) }
      if let number = Operations.number(value) { return .float(number) }
      if case .str(let text) = value, let number = Double(text.filter { !$0.isWhitespace }) {
        return .float(number)
      }
      throw PythonError.valueError("could not convert string to float: \(value.repr(objects))")
    case .bool:
      return .bool(arguments.first?.isTrue ?? false)
    case .abs:
      try Self.arity(arguments, 1...1, "abs")
      switch arguments[0] {
      case .int(let value):
        guard value != Int.min else { throw Operations.overflow }
        return .int(abs(value))
      case .bool(let value): return .int(value ? 1 : 0)
      case .float(let value): return .float(abs(value))
      default:
        throw PythonError.typeError(
          "bad operand type for abs(): '\(arguments[0].typeName(objects))'")
      }
    case .min, .max:
      let items = arguments.count == 1 ? try Self.items(arguments[0], objects) : arguments
      guard var best = items.first else {
        throw PythonError.valueError("\(builtin.rawValue)() arg is an empty sequence")
      }
      for item in items.dropFirst() {
        let better = try Operations.compare(builtin == .min ? .less : .greater, item, best, objects)
        if better { best = item }
      }
      return best
    case .enumerate:
      // Eager: a list of (index, item) tuples, which a for loop walks.
      try Self.arity(arguments, 1...2, "enumerate")
      var index = 0
      if let start = Self.argument(arguments, keywords, 1, "start") {
        guard case .int(let first) = start else {
          throw PythonError.typeError(
            "'\(start.typeName(objects))' object cannot be interpreted as an integer")
        }
        index = first
      }
      return .list(
        try Self.items(arguments[0], objects).map { item in
          defer { index += 1 }
          return .tuple([.int(index), item])
        })
    case .sorted:
      try Self.arity(arguments, 1...1, "sorted")
      var items = try Self.items(arguments[0], objects)
      var failure: PythonError?
      items.sort { left, right in
        do throws(PythonError) {
          return try Operations.compare(.less, left, right, objects)
        } catch {
          failure = failure ?? error
          return false
        }
      }
      if let failure { throw failure }
      if let reverse = keywords["reverse"], reverse.isTrue { items.reverse() }
      return .list(items)
    case .round:
      try Self.arity(arguments, 1...2, "round")
      let digits = Self.argument(arguments, keywords, 1, "ndigits")
      switch (arguments[0], digits) {
      case (.int(let value), _): return .int(value)
      case (.bool(let value), _): return .int(value ? 1 : 0)
      case (.float(let value), nil), (.float(let value), .some(.none)):
        let rounded = value.rounded(.toNearestOrEven)
        guard rounded.isFinite, abs(rounded) < 9.2e18 else {
          throw PythonError("OverflowError", "cannot convert float infinity to integer")
        }
        return .int(Int(rounded))
      case (.float(let value), .some(.int(let places))):
        return .float(Self.round(value, places))
      default:
        throw PythonError.typeError(
          "type \(arguments[0].typeName(objects)) doesn't define __round__ method")
      }
    case .sum:
      var total = Value.int(0)
      for item in try Self.items(arguments.first ?? .list([]), objects) {
        total = try Operations.binary(.add, total, item, objects)
      }
      return total
    case .list:
      return .list(
        try arguments.first.map { value throws(PythonError) in try Self.items(value, objects) }
          ?? [])
    case .tuple:
      return .tuple(
        try arguments.first.map { value throws(PythonError) in try Self.items(value, objects) }
          ?? [])
    case .thread:
      guard arguments.isEmpty else {
        throw PythonError.typeError(
          "Thread() takes its arguments by keyword here: Thread(target=f, args=(...))")
      }
      for name in keywords.keys where !["target", "args", "name", "daemon"].contains(name) {
        throw PythonError.typeError("Thread() got an unexpected keyword argument '\(name)'")
      }
      let target = keywords["target"]
      var threadArguments: [Value] = []
      var argumentsError: PythonError?
      switch keywords["args"] {
      case nil: break
      case .some(.tuple(let items)), .some(.list(let items)): threadArguments = items
      case .some(.str(let text)): threadArguments = text.map { .str(String($0)) }
      case .some(let other):
        // As CPython: Thread() keeps any `args`; the thread's run() fails
        // to spread them (`args=(1)` is the int 1, not a tuple).
        let callee =
          if case .function(let index) = target {
            "__main__.\(program.functions[index].name)() argument"
          } else { "argument" }
        argumentsError = PythonError.typeError(
          "\(callee) after * must be an iterable, not \(other.typeName(objects))")
      }
      var name: String
      if let given = keywords["name"], given != .none {
        name = given.str(objects)
      } else {
        name = world.withObjects { $0.nextName("Thread") }
        if case .function(let index) = target { name += " (\(program.functions[index].name))" }
      }
      var object = ThreadObject(name: name, target: target)
      object.arguments = threadArguments
      object.argumentsError = argumentsError
      object.daemon = keywords["daemon"]?.isTrue ?? false
      return newObject(.thread(object), &world)
    case .lock, .allocateLock:
      try Self.arity(arguments, 0...0, builtin.rawValue)
      var lock = LockObject()
      lock.fromThreadModule = builtin == .allocateLock
      return newObject(.lock(lock), &world)
    case .rlock:
      return newObject(.lock(LockObject(reentrant: true)), &world)
    case .condition:
      var lock: Int
      switch Self.argument(arguments, keywords, 0, "lock") {
      case .some(.object(let index)) where objects.objects[index].isLock: lock = index
      case nil, .some(.none):
        guard case .object(let index) = newObject(.lock(LockObject(reentrant: true)), &world) else {
          return .none
        }
        lock = index
      case .some(let other):
        throw PythonError.typeError("Condition() takes a lock, not \(other.typeName(objects))")
      }
      return newObject(.condition(lock: lock, waiting: [], notified: []), &world)
    case .semaphore, .boundedSemaphore:
      let value = Self.argument(arguments, keywords, 0, "value").flatMap(Operations.integer) ?? 1
      guard value >= 0 else { throw PythonError.valueError("semaphore initial value must be >= 0") }
      return newObject(
        .semaphore(value: value, bound: builtin == .boundedSemaphore ? value : nil), &world)
    case .currentThread:
      let index = thread
      world.withObjects { objects in
        if objects.thread(index)?.name.isEmpty ?? false {
          let name = objects.nextName("Dummy")
          objects.changeThread(index) { $0.name = name }
        }
      }
      return .object(thread)
    case .getIdent, .threadGetIdent:
      return .int(world.ident())
    case .activeCount:
      return .int(
        objects.objects.filter {
          if case .thread(let t) = $0 { return t.state == .started } else { return false }
        }.count)
    case .sleep:
      try Self.arity(arguments, 1...1, "sleep")
      guard let seconds = Operations.number(arguments[0]) else {
        throw PythonError.typeError(
          "'\(arguments[0].typeName(objects))' object cannot be interpreted as an integer")
      }
      guard seconds >= 0 else { throw PythonError.valueError("sleep length must be non-negative") }
      if world.beforeStep(thread, line: stepLine) { throw Stop.cancelled }
      world.sleep(seconds)
      // A sleep the run's end cut short (the main thread ended under a
      // `_thread` thread or a daemon): the thread stops there, cut off.
      if world.shouldStop() { throw Stop.cancelled }
      return .none
    case .startNewThread:
      try Self.arity(arguments, 2...2, "start_new_thread")
      guard case .tuple(let items) = arguments[1] else {
        throw PythonError.typeError("2nd arg must be a tuple")
      }
      var object = ThreadObject(name: "", target: arguments[0])
      object.arguments = items
      object.daemon = true
      object.dummy = true
      object.state = .started
      guard case .object(let index) = newObject(.thread(object), &world) else { return .none }
      try world.start(index)
      return .int(world.readObjects { $0.thread(index)?.ident ?? 0 })
    case .cpuCount:
      return .int(world.cpuCount)
    }
  }

  private static func text(_ value: Value?, default fallback: String, _ name: String)
    throws(PythonError) -> String
  {
    switch value {
    case nil, .some(.none): return fallback
    case .some(.str(let text)): return text
    case .some(let other):
      throw PythonError.typeError("\(name) must be None or a string, not \(other)")
    }
  }

  /// The items of a list, tuple, string or range.
  static func items(_ value: Value, _ objects: SharedObjects) throws(PythonError) -> [Value] {
    switch value {
    case .list(let items), .tuple(let items): return items
    case .str(let text): return text.map { .str(String($0)) }
    case .iterator(var iterator):
      var items: [Value] = []
      while let item = iterator.advance() {
        items.append(item)
        guard items.count <= Limits.listItems else { throw Limits.tooLong }
      }
      return items
    default:
      throw PythonError.typeError("'\(value.typeName(objects))' object is not iterable")
    }
  }

  static func iterator(_ value: Value, typeName: String) throws(PythonError) -> Iterator {
    switch value {
    case .iterator(let iterator): return iterator
    case .list(let items), .tuple(let items): return Iterator(source: .items(items), next: 0)
    case .str(let text): return Iterator(source: .items(text.map { .str(String($0)) }), next: 0)
    default: throw PythonError.typeError("'\(typeName)' object is not iterable")
    }
  }

  static func item(_ base: Value, _ index: Value) throws(PythonError) -> Value {
    let items: [Value]
    let kind: String
    switch base {
    case .list(let values):
      items = values
      kind = "list"
    case .tuple(let values):
      items = values
      kind = "tuple"
    case .str(let text):
      items = text.map { .str(String($0)) }
      kind = "string"
    default:
      throw PythonError.typeError("object is not subscriptable")
    }
    guard let position = Operations.integer(index) else {
      throw PythonError.typeError("\(kind) indices must be integers, not \(index)")
    }
    let resolved = position < 0 ? position + items.count : position
    guard items.indices.contains(resolved) else {
      throw PythonError("IndexError", "\(kind) index out of range")
    }
    return items[resolved]
  }

  /// A list method on a list held in a variable (changed in place).
  static func listMethod(_ list: inout Value, _ name: String, _ arguments: [Value])
    throws(PythonError)
    -> Value
  {
    guard case .list(var items) = list else {
      if name == "__setitem__" {
        throw PythonError.typeError("object does not support item assignment")
      }
      throw PythonError("AttributeError", "object has no attribute '\(name)'")
    }
    defer { list = .list(items) }
    switch name {
    case "append":
      try arity(arguments, 1...1, "list.append")
      guard items.count < Limits.listItems else { throw Limits.tooLong }
      items.append(arguments[0])
      return .none
    case "pop":
      try arity(arguments, 0...1, "pop")
      guard !items.isEmpty else { throw PythonError("IndexError", "pop from empty list") }
      let position = arguments.first.flatMap(Operations.integer) ?? -1
      let resolved = position < 0 ? position + items.count : position
      guard items.indices.contains(resolved) else {
        throw PythonError("IndexError", "pop index out of range")
      }
      return items.remove(at: resolved)
    case "insert":
      try arity(arguments, 2...2, "insert")
      guard items.count < Limits.listItems else { throw Limits.tooLong }
      let position = Operations.integer(arguments[0]) ?? 0
      let resolved = max(0, min(items.count, position < 0 ? position + items.count : position))
      items.insert(arguments[1], at: resolved)
      return .none
    case "remove":
      try arity(arguments, 1...1, "list.remove")
      guard let found = items.firstIndex(where: { Operations.equal($0, arguments[0]) }) else {
        throw PythonError.valueError("list.remove(x): x not in list")
      }
      items.remove(at: found)
      return .none
    case "clear":
      items.removeAll()
      return .none
    case "extend":
      try arity(arguments, 1...1, "list.extend")
      items += try Self.items(arguments[0], SharedObjects())
      guard items.count <= Limits.listItems else { throw Limits.tooLong }
      return .none
    case "__setitem__":
      guard let position = Operations.integer(arguments[1]) else {
        throw PythonError.typeError("list indices must be integers")
      }
      let resolved = position < 0 ? position + items.count : position
      guard items.indices.contains(resolved) else {
        throw PythonError("IndexError", "list assignment index out of range")
      }
      items[resolved] = arguments[0]
      return .none
    default:
      throw PythonError("AttributeError", "'list' object has no attribute '\(name)'")
    }
  }

  mutating func attribute(_ base: Value, _ name: String, world: inout W) throws(PythonError)
    -> Value
  {
    let objects = world.readObjects { $0 }
    switch base {
    case .module(let module):
      guard let value = module.attribute(name) else {
        throw PythonError(
          "AttributeError", "module '\(module.rawValue)' has no attribute '\(name)'")
      }
      return value
    case .object(let index):
      if let thread = objects.thread(index) {
        switch name {
        case "name": return .str(thread.name)
        case "ident", "native_id": return thread.state == .initial ? .none : .int(thread.ident)
        case "daemon": return .bool(thread.daemon)
        default: break
        }
      }
    default: break
    }
    throw PythonError(
      "AttributeError",
      "'\(base.typeName(objects).split(separator: ".").last ?? "")' object has no attribute '\(name)'"
    )
  }
}

extension SharedObject {
  var isLock: Bool {
    if case .lock = self { return true }
    return false
  }
}
