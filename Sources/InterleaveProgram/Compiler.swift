/// Turns statements into one `Function` per `def` plus `<module>`: names
/// resolved to locals, globals or built-ins, loops and `finally` blocks
/// into jumps and handlers.
struct Compiler {
  private var functions: [Function] = []
  private var globals: [String] = []
  private var globalIndex: [String: Int] = [:]
  /// Globals that only ever hold an imported module (`import time`).
  private var modules: [String: Module] = [:]

  /// The function being compiled.
  private var function = Function(name: "<module>", parameters: [])
  /// Names that are locals of the function being compiled (nil at module level).
  private var locals: [String: Int]?
  /// Hidden locals shadowing names (a comprehension's variable).
  private var shadows: [String: Int] = [:]
  private var loops: [Loop] = []
  /// The `finally` blocks around the code being compiled, innermost last.
  private var guards: [Guard] = []
  private var line = 1

  private struct Loop {
    var continueTarget: Int
    var breaks: [Int] = []
    /// How many guards were open when the loop began.
    var guardDepth: Int
  }

  private struct Guard {
    /// What leaving the guarded code runs.
    enum Final {
      case statements([Statement])
      /// `with`: the `__exit__` of the object in this local.
      case exit(Int)
    }
    var final: Final
    var segmentStart: Int
    var segments: [(Int, Int)] = []
  }

  static func compile(_ statements: [Statement], file: String, text: String) throws(SourceError)
    -> Program
  {
    var compiler = Compiler()
    compiler.declareGlobals(statements)
    compiler.functions.append(Function(name: "<module>", parameters: []))
    try compiler.block(statements)
    compiler.emit(.constant(.none))
    compiler.emit(.returnValue)
    compiler.functions[0] = compiler.function
    return Program(
      file: file,
      sourceLines: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
      functions: compiler.functions, globalNames: compiler.globals)
  }

  // MARK: Names

  private mutating func global(_ name: String) -> Int {
    if let index = globalIndex[name] { return index }
    globalIndex[name] = globals.count
    globals.append(name)
    return globals.count - 1
  }

  /// Every name the module binds, and every name a function declares global.
  private mutating func declareGlobals(_ statements: [Statement]) {
    var imported: [String: Module] = [:]
    var rebound: Set<String> = []
    for statement in statements {
      for name in Self.bound(statement) { _ = global(name) }
      Self.visit(statement) { inner in
        switch inner {
        case .global(let names, _): for name in names { _ = global(name) }
        case .importModules(let modules, _):
          for (module, bound) in modules { imported[bound] = Module(rawValue: module) }
        case .assign, .augmentedAssign, .forLoop, .function, .importNames:
          rebound.formUnion(Self.bound(inner))
        default: break
        }
      }
    }
    modules = imported.filter { !rebound.contains($0.key) }
  }

  /// The module a name holds here, if it can only hold one.
  private func module(_ base: Expression) -> Module? {
    guard case .name(let name, _) = base, shadows[name] == nil, locals?[name] == nil else {
      return nil
    }
    return modules[name]
  }

  /// Refuses `module.name` the subset does not have, and an attribute or
  /// method no value of the subset has, before anything runs.
  private func check(_ base: Expression, _ name: String, call: Bool, at location: SourceLocation)
    throws(SourceError)
  {
    if let module = module(base) {
      guard module.attribute(name) != nil else {
        throw Subset.missingAttribute(module, name, at: location)
      }
    } else if call, !Subset.methods.contains(name) {
      throw Subset.missingMethod(name, at: location)
    } else if !call, !Subset.methods.contains(name), !Subset.attributes.contains(name) {
      throw Subset.missingAttribute(name, at: location)
    }
  }

  /// Calls `body` on a statement and every statement inside it.
  private static func visit(_ statement: Statement, _ body: (Statement) -> Void) {
    body(statement)
    switch statement {
    case .ifElse(_, let inner, let other, _):
      for child in inner + other { visit(child, body) }
    case .whileLoop(_, let inner, _), .forLoop(_, _, let inner, _), .with(_, let inner, _):
      for child in inner { visit(child, body) }
    case .tryFinally(let inner, let final, _):
      for child in inner + final { visit(child, body) }
    case .function(let definition):
      for child in definition.body { visit(child, body) }
    default: break
    }
  }

  /// The names a statement binds in its own scope (not inside a `def`).
  private static func bound(_ statement: Statement) -> [String] {
    switch statement {
    case .assign(let targets, _, _): return targets.flatMap(names)
    case .augmentedAssign(let target, _, _, _): return names(target)
    case .forLoop(let target, _, let body, _): return names(target) + body.flatMap(bound)
    case .function(let definition): return [definition.name]
    case .importModules(let modules, _): return modules.map(\.bound)
    case .importNames(_, let names, _): return names.map(\.bound)
    case .ifElse(_, let body, let other, _): return (body + other).flatMap(bound)
    case .whileLoop(_, let body, _), .with(_, let body, _): return body.flatMap(bound)
    case .tryFinally(let body, let final, _): return (body + final).flatMap(bound)
    default: return []
    }
  }

  private static func names(_ target: Target) -> [String] {
    switch target {
    case .name(let name, _): return [name]
    case .tuple(let targets, _): return targets.flatMap(names)
    case .item, .attribute: return []
    }
  }

  private mutating func hiddenLocal() -> Int {
    function.localNames.append("")
    return function.localNames.count - 1
  }

  private mutating func load(_ name: String, at location: SourceLocation) throws(SourceError) {
    if let slot = shadows[name] {
      emit(.loadLocal(slot))
    } else if let slot = locals?[name] {
      emit(.loadLocal(slot))
    } else if let index = globalIndex[name] {
      emit(.loadGlobal(index))
    } else if let builtin = Builtin.global[name] {
      emit(.constant(.builtin(builtin)))
    } else if name == "__name__" {
      // A program is always the script run (`if __name__ == "__main__":`).
      emit(.constant(.str("__main__")))
    } else if Subset.missingBuiltins.contains(name) {
      throw Subset.missingBuiltin(name, at: location)
    } else {
      emit(.nameError(name))
    }
  }

  private mutating func store(_ name: String) {
    if let slot = shadows[name] {
      emit(.storeLocal(slot))
    } else if let slot = locals?[name] {
      emit(.storeLocal(slot))
    } else {
      emit(.storeGlobal(global(name)))
    }
  }

  // MARK: Emitting

  @discardableResult
  private mutating func emit(_ op: Op) -> Int {
    function.code.append(op)
    function.lines.append(line)
    return function.code.count - 1
  }

  private var here: Int { function.code.count }

  private mutating func patch(_ at: Int, to target: Int) {
    switch function.code[at] {
    case .jump: function.code[at] = .jump(target)
    case .jumpIfFalse: function.code[at] = .jumpIfFalse(target)
    case .jumpIfTrue: function.code[at] = .jumpIfTrue(target)
    case .jumpIfFalseOrPop: function.code[at] = .jumpIfFalseOrPop(target)
    case .jumpIfTrueOrPop: function.code[at] = .jumpIfTrueOrPop(target)
    case .forNext(let local, _): function.code[at] = .forNext(local: local, exit: target)
    default: break
    }
  }

  // MARK: Statements

  private mutating func block(_ statements: [Statement]) throws(SourceError) {
    for statement in statements { try self.statement(statement) }
  }

  private mutating func statement(_ statement: Statement) throws(SourceError) {
    line = statement.location.line
    switch statement {
    case .expression(let value, _):
      try expression(value)
      emit(.pop)
    case .assign(let targets, let value, _):
      try expression(value)
      for (index, target) in targets.enumerated() {
        if index < targets.count - 1 { emit(.duplicate) }
        try assign(target)
      }
    case .augmentedAssign(let target, let operation, let value, let location):
      switch target {
      case .name(let name, let at):
        try load(name, at: at)
        try expression(value)
        emit(.binary(operation))
        store(name)
      case .item(let base, let index, let at):
        guard case .name(let name, _) = base else {
          throw Parser.unsupported("this assignment target is", at: at)
        }
        try load(name, at: at)
        try expression(index)
        emit(.item)
        try expression(value)
        emit(.binary(operation))
        try expression(index)
        try storeItem(name, at: at)
      case .tuple:
        throw SourceError("'tuple' is an illegal expression for augmented assignment", at: location)
      case .attribute(_, _, let at):
        throw Parser.unsupported("augmented assignment to an attribute is", at: at)
      }
    case .ifElse(let condition, let body, let other, _):
      try expression(condition)
      let skip = emit(.jumpIfFalse(0))
      try block(body)
      if other.isEmpty {
        patch(skip, to: here)
      } else {
        let over = emit(.jump(0))
        patch(skip, to: here)
        try block(other)
        patch(over, to: here)
      }
    case .whileLoop(let condition, let body, _):
      let top = here
      try expression(condition)
      let exit = emit(.jumpIfFalse(0))
      loops.append(Loop(continueTarget: top, guardDepth: guards.count))
      try block(body)
      emit(.jump(top))
      patch(exit, to: here)
      for jump in loops.removeLast().breaks { patch(jump, to: here) }
    case .forLoop(let target, let iterable, let body, _):
      try expression(iterable)
      let iterator = hiddenLocal()
      emit(.iterate(into: iterator))
      let top = emit(.forNext(local: iterator, exit: 0))
      try assign(target)
      loops.append(Loop(continueTarget: top, guardDepth: guards.count))
      try block(body)
      emit(.jump(top))
      patch(top, to: here)
      for jump in loops.removeLast().breaks { patch(jump, to: here) }
    case .breakLoop(let location):
      guard !loops.isEmpty else { throw SourceError("'break' outside loop", at: location) }
      try runFinals(down: loops[loops.count - 1].guardDepth)
      let jump = emit(.jump(0))
      loops[loops.count - 1].breaks.append(jump)
      reopenGuards(down: loops[loops.count - 1].guardDepth)
    case .continueLoop(let location):
      guard let loop = loops.last else {
        throw SourceError("'continue' not properly in loop", at: location)
      }
      try runFinals(down: loop.guardDepth)
      emit(.jump(loop.continueTarget))
      reopenGuards(down: loop.guardDepth)
    case .pass:
      break
    case .returnValue(let value, let location):
      guard locals != nil else { throw SourceError("'return' outside function", at: location) }
      if let value { try expression(value) } else { emit(.constant(.none)) }
      if !guards.isEmpty {
        let slot = hiddenLocal()
        emit(.storeLocal(slot))
        try runFinals(down: 0)
        emit(.loadLocal(slot))
        emit(.returnValue)
        reopenGuards(down: 0)
      } else {
        emit(.returnValue)
      }
    case .global(let names, let location):
      guard locals != nil else { return }
      for name in names where locals?[name] != nil && function.parameters.contains(name) {
        throw SourceError("name '\(name)' is parameter and global", at: location)
      }
    case .function(let definition):
      try define(definition)
    case .importModules(let modules, _):
      for (module, bound) in modules {
        emit(.constant(.module(Module(rawValue: module)!)))
        store(bound)
      }
    case .importNames(let module, let names, _):
      // `from threading import Thread` binds what `threading.Thread` is.
      for (name, bound) in names {
        emit(.constant(.module(Module(rawValue: module)!)))
        emit(.attribute(name))
        store(bound)
      }
    case .tryFinally(let body, let final, _):
      guards.append(Guard(final: .statements(final), segmentStart: here))
      try block(body)
      var closed = guards.removeLast()
      closed.segments.append((closed.segmentStart, here))
      try block(final)
      let over = emit(.jump(0))
      let handler = here
      for (start, end) in closed.segments where end > start {
        function.handlers.append(Handler(start: start, end: end, handler: handler))
      }
      try block(final)
      emit(.reraise)
      patch(over, to: here)
    case .with(let context, let body, let location):
      try expression(context)
      let slot = hiddenLocal()
      emit(.storeLocal(slot))
      emit(.loadLocal(slot))
      emit(.enter)
      guards.append(Guard(final: .exit(slot), segmentStart: here))
      try block(body)
      var closed = guards.removeLast()
      closed.segments.append((closed.segmentStart, here))
      // The release is the `with` line's, as CPython's __exit__ is: the
      // next step's mark goes back to it, not to the body's last line.
      line = location.line
      emit(.loadLocal(slot))
      emit(.exit)
      let over = emit(.jump(0))
      let handler = here
      for (start, end) in closed.segments where end > start {
        function.handlers.append(Handler(start: start, end: end, handler: handler))
      }
      emit(.loadLocal(slot))
      emit(.exit)
      emit(.reraise)
      patch(over, to: here)
    case .assertion(let test, let message, _):
      try expression(test)
      let over = emit(.jumpIfTrue(0))
      if let message { try expression(message) }
      emit(.assertFailed(withMessage: message != nil))
      patch(over, to: here)
    }
  }

  /// Runs the `finally` blocks from the innermost down to `depth` (a
  /// `return`, `break` or `continue` leaving them), each outside its own guard.
  private mutating func runFinals(down depth: Int) throws(SourceError) {
    for index in stride(from: guards.count - 1, through: depth, by: -1) {
      guards[index].segments.append((guards[index].segmentStart, here))
      let kept = guards
      guards = Array(guards[..<index])
      switch kept[index].final {
      case .statements(let final): try block(final)
      case .exit(let slot):
        emit(.loadLocal(slot))
        emit(.exit)
      }
      guards = kept
      guards[index].segmentStart = here
    }
  }

  /// After the jump out: the guards cover the code that follows again.
  private mutating func reopenGuards(down depth: Int) {
    for index in depth..<guards.count { guards[index].segmentStart = here }
  }

  /// Stores the value on top into `target`.
  private mutating func assign(_ target: Target) throws(SourceError) {
    switch target {
    case .name(let name, _):
      store(name)
    case .tuple(let targets, _):
      emit(.unpack(targets.count))
      for inner in targets { try assign(inner) }
    case .item(let base, let index, let at):
      guard case .name(let name, _) = base else {
        throw Parser.unsupported("this assignment target is", at: at)
      }
      try expression(index)
      try storeItem(name, at: at)
    case .attribute(let base, let name, _):
      try expression(base)
      emit(.storeAttribute(name))
    }
  }

  /// Value and index on the stack: `name[index] = value` as one step.
  private mutating func storeItem(_ name: String, at location: SourceLocation) throws(SourceError) {
    if let slot = shadows[name] ?? locals?[name] {
      emit(.callLocalMethod(local: slot, "__setitem__", arguments: 2))
    } else {
      emit(.callGlobalMethod(global: global(name), "__setitem__", arguments: 2))
    }
    emit(.pop)
  }

  private mutating func define(_ definition: FunctionDefinition) throws(SourceError) {
    guard locals == nil else {
      throw Parser.unsupported("nested functions are", at: definition.location)
    }
    var defaults: [Value] = []
    for value in definition.defaults {
      guard case .constant(let constant, _) = value else {
        throw Parser.unsupported("a default value other than a constant is", at: value.location)
      }
      defaults.append(constant)
    }
    var declared: Set<String> = []
    for statement in definition.body {
      Self.visit(statement) { if case .global(let names, _) = $0 { declared.formUnion(names) } }
    }
    var slots: [String: Int] = [:]
    var names = definition.parameters
    for name in definition.body.flatMap(Self.bound) where !declared.contains(name) {
      if !names.contains(name) { names.append(name) }
    }
    for (index, name) in names.enumerated() { slots[name] = index }
    for name in definition.parameters where declared.contains(name) {
      throw SourceError("name '\(name)' is parameter and global", at: definition.location)
    }
    let outer = (function, locals, loops, guards, line)
    function = Function(name: definition.name, parameters: definition.parameters)
    function.defaults = defaults
    function.localNames = names
    locals = slots
    loops = []
    guards = []
    try block(definition.body)
    emit(.constant(.none))
    emit(.returnValue)
    let index = functions.count
    functions.append(function)
    (function, locals, loops, guards, line) = outer
    emit(.makeFunction(index, defaults: defaults.count))
    store(definition.name)
  }

  // MARK: Expressions

  private mutating func expression(_ expression: Expression) throws(SourceError) {
    switch expression {
    case .name(let name, let at):
      try load(name, at: at)
    case .constant(let value, _):
      emit(.constant(value))
    case .formatted(let parts, _):
      try formatted(parts)
    case .tuple(let items, _):
      for item in items { try self.expression(item) }
      emit(.buildTuple(items.count))
    case .list(let items, _):
      for item in items { try self.expression(item) }
      emit(.buildList(items.count))
    case .comprehension(let element, let target, let iterable, let condition, _):
      try self.expression(iterable)
      let iterator = hiddenLocal()
      let result = hiddenLocal()
      let variable = hiddenLocal()
      emit(.iterate(into: iterator))
      emit(.buildList(0))
      emit(.storeLocal(result))
      let saved = shadows[target]
      shadows[target] = variable
      let top = emit(.forNext(local: iterator, exit: 0))
      emit(.storeLocal(variable))
      var skip: Int?
      if let condition {
        try self.expression(condition)
        skip = emit(.jumpIfFalse(0))
      }
      try self.expression(element)
      emit(.callLocalMethod(local: result, "append", arguments: 1))
      emit(.pop)
      if let skip { patch(skip, to: here) }
      emit(.jump(top))
      patch(top, to: here)
      shadows[target] = saved
      emit(.loadLocal(result))
    case .binary(let operation, let left, let right, _):
      try self.expression(left)
      try self.expression(right)
      emit(.binary(operation))
    case .unary(let operation, let operand, _):
      try self.expression(operand)
      emit(.unary(operation))
    case .compare(let first, let rest, _):
      try self.expression(first)
      if rest.count == 1 {
        try self.expression(rest[0].1)
        emit(.compare(rest[0].0))
        return
      }
      // a < b < c: each operand evaluated once, through hidden locals.
      var jumps: [Int] = []
      let slot = hiddenLocal()
      for (index, (operation, operand)) in rest.enumerated() {
        try self.expression(operand)
        if index < rest.count - 1 {
          emit(.storeLocal(slot))
          emit(.loadLocal(slot))
          emit(.compare(operation))
          jumps.append(emit(.jumpIfFalseOrPop(0)))
          emit(.loadLocal(slot))
        } else {
          emit(.compare(operation))
        }
      }
      for jump in jumps { patch(jump, to: here) }
    case .logical(let isAnd, let items, _):
      var jumps: [Int] = []
      for (index, item) in items.enumerated() {
        try self.expression(item)
        if index < items.count - 1 {
          jumps.append(emit(isAnd ? .jumpIfFalseOrPop(0) : .jumpIfTrueOrPop(0)))
        }
      }
      for jump in jumps { patch(jump, to: here) }
    case .conditional(let body, let condition, let other, _):
      try self.expression(condition)
      let skip = emit(.jumpIfFalse(0))
      try self.expression(body)
      let over = emit(.jump(0))
      patch(skip, to: here)
      try self.expression(other)
      patch(over, to: here)
    case .call(let callee, let arguments, let keywords, _):
      try call(callee, arguments: arguments, keywords: keywords)
    case .attribute(let base, let name, let at):
      try check(base, name, call: false, at: at)
      try self.expression(base)
      emit(.attribute(name))
    case .item(let base, let index, _):
      try self.expression(base)
      try self.expression(index)
      emit(.item)
    }
  }

  private mutating func call(
    _ callee: Expression, arguments: [Expression], keywords: [(String, Expression)]
  ) throws(SourceError) {
    if case .attribute(let base, let name, let at) = callee {
      try check(base, name, call: true, at: at)
      // A list method on a named list is one step on that list.
      if case .name(let variable, _) = base,
        ["append", "pop", "insert", "remove", "clear", "extend"].contains(name),
        keywords.isEmpty
      {
        let local = shadows[variable] ?? locals?[variable]
        let global = local == nil ? globalIndex[variable] : nil
        if local != nil || global != nil {
          for argument in arguments { try expression(argument) }
          emit(
            local.map { .callLocalMethod(local: $0, name, arguments: arguments.count) }
              ?? .callGlobalMethod(global: global!, name, arguments: arguments.count))
          return
        }
      }
      try expression(base)
      for argument in arguments { try expression(argument) }
      for (_, value) in keywords { try expression(value) }
      emit(
        .callMethod(name, arguments: arguments.count + keywords.count, keywords: keywords.map(\.0)))
      return
    }
    try expression(callee)
    for argument in arguments { try expression(argument) }
    for (_, value) in keywords { try expression(value) }
    emit(.call(arguments: arguments.count + keywords.count, keywords: keywords.map(\.0)))
  }

  private mutating func formatted(_ parts: [FormatPart]) throws(SourceError) {
    for part in parts {
      switch part {
      case .text(let text):
        emit(.constant(.str(text)))
      case .field(let value, let conversion, let spec):
        try expression(value)
        if !spec.isEmpty { try formatted(spec) }
        emit(.format(conversion: conversion, withSpec: !spec.isEmpty))
      }
    }
    if parts.isEmpty { emit(.constant(.str(""))) }
    if parts.count > 1 { emit(.concatenate(parts.count)) }
  }
}
