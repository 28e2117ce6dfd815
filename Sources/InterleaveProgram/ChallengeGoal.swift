/// What a challenge asks the learner to bring about, checked on the
/// program's state (never on screen text): `critical-section`, `deadlock`,
/// `error`, or `final: EXPR` over the globals the program ends with.
public struct ChallengeGoal: Sendable {
  enum Kind: Sendable {
    /// Two threads at once on the lines between `# critical section` and
    /// `# end critical section`.
    case criticalSection(Set<Int>)
    case deadlock
    case error
    case final(Expression)
  }

  let kind: Kind
  /// As written (`final: balance < 0`).
  public let text: String

  /// What the goal asks, for saying it in words.
  public enum Summary: Sendable, Equatable {
    case criticalSection, deadlock, error
    /// The condition as written (`balance < 0`).
    case final(String)
  }

  /// The globals a `final` goal reads (nil for the other goals).
  public var names: Set<String>? {
    guard case .final(let expression) = kind else { return nil }
    return Set((try? Self.names(in: expression, goal: text)) ?? [])
  }

  public var summary: Summary {
    switch kind {
    case .criticalSection: return .criticalSection
    case .deadlock: return .deadlock
    case .error: return .error
    case .final:
      let condition = text.drop(while: { $0 != ":" }).dropFirst()
      return .final(String(condition).trimmingWhitespace)
    }
  }

  /// Why a goal cannot be used with its program: one sentence.
  public struct Problem: Error, Sendable, CustomStringConvertible {
    public var description: String
  }

  /// The goal `text` for `program`; names in an expression must be the
  /// program's globals, and a critical section must be marked in it.
  public init(_ text: String, program: Program) throws(Problem) {
    self.text = text
    let trimmed = text.trimmingWhitespace
    switch trimmed {
    case "deadlock": kind = .deadlock
    case "error": kind = .error
    case "critical-section":
      let lines = Self.criticalLines(program.sourceLines)
      guard !lines.isEmpty else {
        throw Problem(
          description: "goal 'critical-section': the program marks no critical section (a line "
            + "'# critical section' and, below it, '# end critical section')")
      }
      kind = .criticalSection(lines)
    default:
      guard trimmed.hasPrefix("final:") else {
        throw Problem(
          description: "goal '\(text)': expected 'critical-section', 'deadlock', 'error' or "
            + "'final: EXPRESSION' (such as 'final: balance != 0')")
      }
      let source = String(trimmed.dropFirst("final:".count)).trimmingWhitespace
      let expression: Expression
      do {
        expression = try Parser.condition(source)
      } catch {
        throw Problem(description: "goal '\(text)': \(error.message)")
      }
      for name in try Self.names(in: expression, goal: text)
      where !program.globalNames.contains(name) {
        throw Problem(description: "goal '\(text)': the program has no global named '\(name)'")
      }
      kind = .final(expression)
    }
  }

  /// The lines strictly between each `# critical section` comment and the
  /// next `# end critical section` (1-based).
  static func criticalLines(_ source: [String]) -> Set<Int> {
    var lines: Set<Int> = []
    var start: Int?
    for (index, text) in source.enumerated() {
      let comment = text.trimmingWhitespace.lowercased()
      if comment == "# critical section" {
        start = index + 1
      } else if comment == "# end critical section", let first = start {
        lines.formUnion((first + 1)..<(index + 1))
        start = nil
      }
    }
    return lines
  }

  /// Whether `state` is one the goal asks for. `final`, `deadlock` and
  /// `error` hold at the end of a run; `critical-section` at any moment.
  public func isReached(in state: ModelState, of model: ProgramModel) -> Bool {
    switch kind {
    case .criticalSection(let lines):
      let inside = state.threads.indices.filter { slot in
        !state.threads[slot].finished && lines.contains(model.nextLine(state, slot))
      }
      return inside.count >= 2
    case .deadlock:
      return model.runnable(state).isEmpty && !model.ended(state)
    case .error:
      return state.threads.contains {
        $0.error.map { $0.type != ProgramModel.endlessLoop } ?? false
      }
    case .final(let expression):
      guard model.runnable(state).isEmpty, model.ended(state) else { return false }
      let value = try? Self.evaluate(expression, state.world.globals, model.program.globalNames)
      return value?.isTrue ?? false
    }
  }

  /// Whether the goal is as good as reached in `state`: reached now, or
  /// every way the run can go on from here reaches it (the learner need not
  /// play out what is decided: an exception raised reaches `error` before
  /// the `with` around it has let go of its lock).
  public func isDecided(in state: ModelState, of model: ProgramModel) -> Bool {
    if isReached(in: state, of: model) { return true }
    guard !model.runnable(state).isEmpty else { return false }
    var explorer = ProgramExplorer(model, limit: Self.decideLimit) {
      isReached(in: $0, of: model)
    }
    guard let results = try? explorer.explore(from: state) else { return false }
    return results.allSatisfy(\.outcome.marked)
  }

  /// States explored at most to find the goal decided (more: not yet).
  static let decideLimit = 50_000

  /// The names an expression reads; what a goal cannot hold is refused.
  private static func names(in expression: Expression, goal: String) throws(Problem) -> [String] {
    var found: [String] = []
    var pending = [expression]
    while let next = pending.popLast() {
      switch next {
      case .name(let name, _): found.append(name)
      case .constant: break
      case .tuple(let items, _), .list(let items, _), .logical(_, let items, _): pending += items
      case .binary(_, let left, let right, _), .item(let left, let right, _):
        pending += [left, right]
      case .unary(_, let operand, _): pending.append(operand)
      case .compare(let first, let rest, _): pending += [first] + rest.map(\.1)
      case .call(.name("len", _), let arguments, let keywords, _)
      where arguments.count == 1 && keywords.isEmpty:
        pending += arguments
      default:
        throw Problem(
          description: "goal '\(goal)': a goal holds only names, "
            + "numbers, strings, arithmetic, comparisons, and/or/not, len() and [i]")
      }
    }
    return found
  }

  /// Python's value of a goal's expression over the final globals: names,
  /// numbers and strings, arithmetic, comparisons, `and`/`or`/`not`,
  /// `len(...)` and indexing.
  static func evaluate(_ expression: Expression, _ globals: [Value?], _ names: [String])
    throws(PythonError) -> Value
  {
    let objects = SharedObjects()
    switch expression {
    case .name(let name, _):
      guard let index = names.firstIndex(of: name), let value = globals[index] else {
        throw PythonError("NameError", "name '\(name)' is not defined")
      }
      return value
    case .constant(let value, _): return value
    case .tuple(let items, _):
      var values: [Value] = []
      for item in items { values.append(try evaluate(item, globals, names)) }
      return .tuple(values)
    case .list(let items, _):
      var values: [Value] = []
      for item in items { values.append(try evaluate(item, globals, names)) }
      return .list(values)
    case .binary(let operation, let left, let right, _):
      return try Operations.binary(
        operation, try evaluate(left, globals, names), try evaluate(right, globals, names),
        objects)
    case .unary(let operation, let operand, _):
      return try Operations.unary(operation, try evaluate(operand, globals, names), objects)
    case .compare(let first, let rest, _):
      var left = try evaluate(first, globals, names)
      for (operation, next) in rest {
        let right = try evaluate(next, globals, names)
        guard try Operations.compare(operation, left, right, objects) else { return .bool(false) }
        left = right
      }
      return .bool(true)
    case .logical(let isAnd, let items, _):
      var value = Value.bool(isAnd)
      for item in items {
        value = try evaluate(item, globals, names)
        if value.isTrue != isAnd { return value }
      }
      return value
    case .call(.name("len", _), let arguments, let keywords, _)
    where arguments.count == 1 && keywords.isEmpty:
      switch try evaluate(arguments[0], globals, names) {
      case .list(let items), .tuple(let items): return .int(items.count)
      case .str(let text): return .int(text.count)
      case let other: throw .typeError("object of type '\(other.typeName(objects))' has no len()")
      }
    case .item(let base, let index, _):
      guard case .int(let at) = try evaluate(index, globals, names) else {
        throw .typeError("indices must be integers")
      }
      switch try evaluate(base, globals, names) {
      case .list(let items), .tuple(let items):
        let position = at < 0 ? items.count + at : at
        guard items.indices.contains(position) else {
          throw PythonError("IndexError", "index out of range")
        }
        return items[position]
      default: throw .typeError("object is not subscriptable")
      }
    default:
      throw PythonError("SyntaxError", "not supported in a goal")
    }
  }
}

extension String {
  fileprivate var trimmingWhitespace: String {
    String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
  }
}
