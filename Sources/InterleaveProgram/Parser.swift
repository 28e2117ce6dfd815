/// Reads tokens into statements: the subset's grammar, with anything
/// outside it refused where it stands (`SourceError`).
struct Parser {
  private var tokens: [Token]
  private var index = 0

  /// What the subset has, for the message that refuses the rest.
  static let supported =
    "supported: def, global, if/elif/else, while, for, break, continue, return, try/finally, "
    + "with, assert, import of threading, time, _thread and multiprocessing, "
    + "int, float, bool, str, tuple and list values; see 'interleave help programs'"

  init(_ tokens: [Token]) { self.tokens = tokens }

  /// The statements of a whole program.
  static func program(_ text: String) throws(SourceError) -> [Statement] {
    var parser = Parser(try Lexer.tokens(text))
    var statements: [Statement] = []
    while parser.current.kind != .end {
      if parser.current.kind == .newline {
        parser.index += 1
        continue
      }
      statements += try parser.statement()
    }
    return statements
  }

  /// One expression on its own (a challenge's `final:` condition).
  static func condition(_ text: String) throws(SourceError) -> Expression {
    var parser = Parser(try Lexer.tokens(text))
    let expression = try parser.expression()
    while parser.current.kind == .newline { parser.index += 1 }
    guard parser.current.kind == .end else {
      throw SourceError("invalid syntax", at: parser.current.location)
    }
    return expression
  }

  // MARK: Tokens

  var current: Token { tokens[index] }
  private func peek(_ offset: Int) -> Token { tokens[min(index + offset, tokens.count - 1)] }

  private mutating func take() -> Token {
    defer { index += 1 }
    return current
  }

  private mutating func accept(_ symbol: String) -> Bool {
    guard current.isSymbol(symbol) else { return false }
    index += 1
    return true
  }

  private mutating func acceptName(_ name: String) -> Bool {
    guard current.isName(name) else { return false }
    index += 1
    return true
  }

  private mutating func expect(_ symbol: String) throws(SourceError) {
    guard accept(symbol) else {
      throw SourceError("expected '\(symbol)'", at: current.location)
    }
  }

  private mutating func expectNewline() throws(SourceError) {
    guard current.kind == .newline || current.kind == .end else {
      throw SourceError("invalid syntax", at: current.location)
    }
    if current.kind == .newline { index += 1 }
  }

  private mutating func identifier() throws(SourceError) -> String {
    guard let name = current.name, !Self.keywords.contains(name) else {
      throw SourceError("invalid syntax (expected a name)", at: current.location)
    }
    index += 1
    return name
  }

  static let keywords: Set<String> = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if",
    "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
    "while", "with", "yield",
  ]

  static func unsupported(_ what: String, at location: SourceLocation) -> SourceError {
    SourceError("\(what) not supported here (\(supported))", at: location)
  }

  /// A module name after `import` or `from`, one the subset has.
  private mutating func moduleName() throws(SourceError) -> String {
    let at = current.location
    var name = try identifier()
    while accept(".") { name += "." + (try identifier()) }
    guard Module(rawValue: name) != nil else {
      throw SourceError(
        "module '\(name)' is not supported here (supported: threading, time, _thread, multiprocessing)",
        at: at)
    }
    return name
  }

  // MARK: Statements

  /// One statement line (several for `a; b`) or one compound statement.
  mutating func statement() throws(SourceError) -> [Statement] {
    let token = current
    switch token.name {
    case "if": return [try ifStatement()]
    case "while":
      index += 1
      let condition = try expression()
      let body = try block()
      if current.isName("else") {
        throw Self.unsupported("'while ... else' is", at: current.location)
      }
      return [.whileLoop(condition, body: body, token.location)]
    case "for":
      index += 1
      let target = try forTarget()
      guard acceptName("in") else { throw SourceError("expected 'in'", at: current.location) }
      let iterable = try expressionList()
      let body = try block()
      if current.isName("else") {
        throw Self.unsupported("'for ... else' is", at: current.location)
      }
      return [.forLoop(target, iterable, body: body, token.location)]
    case "def": return [.function(try definition())]
    case "try": return [try tryStatement()]
    case "with":
      index += 1
      let context = try expression()
      if current.isName("as") { throw Self.unsupported("'with ... as' is", at: current.location) }
      if current.isSymbol(",") {
        throw Self.unsupported("'with' over several objects is", at: current.location)
      }
      return [.with(context, body: try block(), token.location)]
    case "class": throw Self.unsupported("classes are", at: token.location)
    case "async": throw Self.unsupported("async is", at: token.location)
    default: break
    }
    if token.isSymbol("@") { throw Self.unsupported("decorators are", at: token.location) }
    var statements = [try simpleStatement()]
    while accept(";") {
      if current.kind == .newline || current.kind == .end { break }
      statements.append(try simpleStatement())
    }
    try expectNewline()
    return statements
  }

  private mutating func ifStatement() throws(SourceError) -> Statement {
    let location = take().location
    let condition = try expression()
    let body = try block()
    var other: [Statement] = []
    if current.isName("elif") {
      other = [try ifStatement()]
    } else if acceptName("else") {
      other = try block()
    }
    return .ifElse(condition, body: body, other: other, location)
  }

  private mutating func tryStatement() throws(SourceError) -> Statement {
    let location = take().location
    let body = try block()
    if current.isName("except") {
      throw Self.unsupported("try/except is", at: current.location)
    }
    guard acceptName("finally") else {
      throw SourceError("expected 'except' or 'finally' block", at: current.location)
    }
    return .tryFinally(body: body, final: try block(), location)
  }

  private mutating func definition() throws(SourceError) -> FunctionDefinition {
    let location = take().location
    let name = try identifier()
    try expect("(")
    var parameters: [String] = []
    var defaults: [Expression] = []
    while !current.isSymbol(")") {
      if current.isSymbol("*") || current.isSymbol("**") || current.isSymbol("/") {
        throw Self.unsupported("'*', '**' and '/' parameters are", at: current.location)
      }
      let parameter = try identifier()
      if current.isSymbol(":") { throw Self.unsupported("annotations are", at: current.location) }
      if parameters.contains(parameter) {
        throw SourceError(
          "duplicate argument '\(parameter)' in function definition", at: location)
      }
      parameters.append(parameter)
      if accept("=") {
        defaults.append(try expression())
      } else if !defaults.isEmpty {
        throw SourceError("non-default argument follows default argument", at: current.location)
      }
      if !accept(",") { break }
    }
    try expect(")")
    if current.isSymbol("->") { throw Self.unsupported("annotations are", at: current.location) }
    let body = try block()
    return FunctionDefinition(
      name: name, parameters: parameters, defaults: defaults, body: body, location: location)
  }

  /// `: NEWLINE INDENT statements DEDENT`, or `: statement` on the same line.
  private mutating func block() throws(SourceError) -> [Statement] {
    try expect(":")
    if current.kind != .newline {
      var statements = [try simpleStatement()]
      while accept(";") {
        if current.kind == .newline { break }
        statements.append(try simpleStatement())
      }
      try expectNewline()
      return statements
    }
    index += 1
    guard current.kind == .indent else {
      throw SourceError("expected an indented block", at: current.location)
    }
    index += 1
    var statements: [Statement] = []
    while current.kind != .dedent && current.kind != .end {
      if current.kind == .newline {
        index += 1
        continue
      }
      statements += try statement()
    }
    if current.kind == .dedent { index += 1 }
    return statements
  }

  private mutating func simpleStatement() throws(SourceError) -> Statement {
    let token = current
    switch token.name {
    case "pass":
      index += 1
      return .pass(token.location)
    case "break":
      index += 1
      return .breakLoop(token.location)
    case "continue":
      index += 1
      return .continueLoop(token.location)
    case "return":
      index += 1
      if current.kind == .newline || current.isSymbol(";") {
        return .returnValue(nil, token.location)
      }
      return .returnValue(try expressionList(), token.location)
    case "global":
      index += 1
      var names = [try identifier()]
      while accept(",") { names.append(try identifier()) }
      return .global(names, token.location)
    case "import":
      index += 1
      var names: [(module: String, bound: String)] = []
      repeat {
        let name = try moduleName()
        var bound = name
        if current.isName("as") {
          index += 1
          bound = try identifier()
        } else if name.contains(".") {
          throw Self.unsupported("a dotted module name is", at: token.location)
        }
        names.append((name, bound))
      } while accept(",")
      return .importModules(names, token.location)
    case "from":
      index += 1
      let module = try moduleName()
      guard current.isName("import") else {
        throw SourceError("expected 'import' after 'from \(module)'", at: current.location)
      }
      index += 1
      let parenthesised = accept("(")
      var names: [(name: String, bound: String)] = []
      repeat {
        if parenthesised, current.isSymbol(")") { break }
        if current.isSymbol("*") {
          throw Self.unsupported("'from ... import *' is", at: current.location)
        }
        let nameAt = current.location
        let name = try identifier()
        if let imported = Module(rawValue: module), imported.attribute(name) == nil {
          throw Subset.missingAttribute(imported, name, at: nameAt)
        }
        var bound = name
        if current.isName("as") {
          index += 1
          bound = try identifier()
        }
        names.append((name, bound))
      } while accept(",")
      if parenthesised { try expect(")") }
      return .importNames(module, names, token.location)
    case "assert":
      index += 1
      let test = try expression()
      let message = accept(",") ? try expression() : nil
      return .assertion(test, message: message, token.location)
    case "raise", "del", "nonlocal", "yield", "lambda", "await":
      throw Self.unsupported("'\(token.name!)' is", at: token.location)
    default:
      break
    }
    let first = try expressionList()
    if let symbol = Self.augmented(current) {
      let at = current.location
      index += 1
      return .augmentedAssign(
        try target(first, at: at), symbol, try expressionList(), token.location)
    }
    if current.isSymbol(":") { throw Self.unsupported("annotations are", at: current.location) }
    guard current.isSymbol("=") else { return .expression(first, token.location) }
    var targets = [first]
    var value = first
    while accept("=") {
      value = try expressionList()
      targets.append(value)
    }
    targets.removeLast()
    var converted: [Target] = []
    for target in targets { converted.append(try self.target(target, at: target.location)) }
    return .assign(converted, value, token.location)
  }

  private static func augmented(_ token: Token) -> BinaryOperator? {
    guard case .symbol(let symbol) = token.kind, symbol.count >= 2, symbol.hasSuffix("=") else {
      return nil
    }
    switch symbol {
    case "+=": return .add
    case "-=": return .subtract
    case "*=": return .multiply
    case "//=": return .floorDivide
    case "/=": return .divide
    case "%=": return .modulo
    case "**=": return .power
    case "==", "!=", "<=", ">=": return nil
    default: return nil
    }
  }

  /// An expression as the left side of an assignment.
  private func target(_ expression: Expression, at location: SourceLocation) throws(SourceError)
    -> Target
  {
    switch expression {
    case .name(let name, let at): return .name(name, at)
    case .item(let base, let index, let at): return .item(base, index, at)
    case .tuple(let items, let at), .list(let items, let at):
      var targets: [Target] = []
      for item in items { targets.append(try target(item, at: item.location)) }
      return .tuple(targets, at)
    case .attribute(let base, let name, let at): return .attribute(base, name, at)
    default:
      throw SourceError("cannot assign to this expression", at: location)
    }
  }

  private mutating func forTarget() throws(SourceError) -> Target {
    let at = current.location
    var names = [Target.name(try identifier(), at)]
    while accept(",") {
      names.append(.name(try identifier(), current.location))
    }
    return names.count == 1 ? names[0] : .tuple(names, at)
  }

  // MARK: Expressions

  /// `a, b` (a tuple) or one expression.
  mutating func expressionList() throws(SourceError) -> Expression {
    let start = current.location
    let first = try expression()
    guard current.isSymbol(",") else { return first }
    var items = [first]
    while accept(",") {
      if Self.endsList(current) { break }
      items.append(try expression())
    }
    return .tuple(items, start)
  }

  private static func endsList(_ token: Token) -> Bool {
    token.kind == .newline || token.kind == .end || token.isSymbol("=") || token.isSymbol(")")
      || token.isSymbol(";") || token.isSymbol(":") || augmented(token) != nil
  }

  mutating func expression() throws(SourceError) -> Expression {
    if current.isName("lambda") { throw Self.unsupported("lambda is", at: current.location) }
    let body = try orTest()
    guard current.isName("if") else {
      if current.isSymbol(":=") { throw Self.unsupported("':=' is", at: current.location) }
      return body
    }
    index += 1
    let condition = try orTest()
    guard acceptName("else") else { throw SourceError("expected 'else'", at: current.location) }
    let other = try expression()
    return .conditional(body: body, condition: condition, other: other, body.location)
  }

  private mutating func orTest() throws(SourceError) -> Expression {
    let first = try andTest()
    guard current.isName("or") else { return first }
    var items = [first]
    while acceptName("or") { items.append(try andTest()) }
    return .logical(and: false, items, first.location)
  }

  private mutating func andTest() throws(SourceError) -> Expression {
    let first = try notTest()
    guard current.isName("and") else { return first }
    var items = [first]
    while acceptName("and") { items.append(try notTest()) }
    return .logical(and: true, items, first.location)
  }

  private mutating func notTest() throws(SourceError) -> Expression {
    let token = current
    if acceptName("not") { return .unary(.not, try notTest(), token.location) }
    return try comparison()
  }

  private mutating func comparison() throws(SourceError) -> Expression {
    let first = try arithmetic()
    var rest: [(CompareOperator, Expression)] = []
    while true {
      let compare: CompareOperator
      if case .symbol(let symbol) = current.kind, let found = CompareOperator(rawValue: symbol),
        symbol != "in"
      {
        compare = found
        index += 1
      } else if current.isName("in") {
        compare = .isIn
        index += 1
      } else if current.isName("not") && peek(1).isName("in") {
        compare = .notIn
        index += 2
      } else if current.isName("is") {
        index += 1
        compare = acceptName("not") ? .isNotSame : .isSame
      } else {
        break
      }
      rest.append((compare, try arithmetic()))
    }
    return rest.isEmpty ? first : .compare(first, rest, first.location)
  }

  private mutating func arithmetic() throws(SourceError) -> Expression {
    var left = try term()
    while true {
      let token = current
      if accept("+") {
        left = .binary(.add, left, try term(), token.location)
      } else if accept("-") {
        left = .binary(.subtract, left, try term(), token.location)
      } else if ["|", "&", "^", "<<", ">>"].contains(where: { token.isSymbol($0) }) {
        throw Self.unsupported("bitwise operators are", at: token.location)
      } else {
        return left
      }
    }
  }

  private mutating func term() throws(SourceError) -> Expression {
    var left = try factor()
    while true {
      let token = current
      let operation: BinaryOperator
      if accept("*") {
        operation = .multiply
      } else if accept("//") {
        operation = .floorDivide
      } else if accept("/") {
        operation = .divide
      } else if accept("%") {
        operation = .modulo
      } else if token.isSymbol("@") {
        throw Self.unsupported("'@' is", at: token.location)
      } else {
        return left
      }
      left = .binary(operation, left, try factor(), token.location)
    }
  }

  private mutating func factor() throws(SourceError) -> Expression {
    let token = current
    if accept("-") { return .unary(.negate, try factor(), token.location) }
    if accept("+") { return .unary(.plus, try factor(), token.location) }
    if token.isSymbol("~") { throw Self.unsupported("bitwise operators are", at: token.location) }
    let base = try primary()
    let power = current
    if accept("**") { return .binary(.power, base, try factor(), power.location) }
    return base
  }

  private mutating func primary() throws(SourceError) -> Expression {
    var value = try atom()
    while true {
      let token = current
      if accept("(") {
        var arguments: [Expression] = []
        var keywords: [(String, Expression)] = []
        while !current.isSymbol(")") {
          if current.isSymbol("*") || current.isSymbol("**") {
            throw Self.unsupported("'*' and '**' arguments are", at: current.location)
          }
          if current.name != nil, peek(1).isSymbol("=") {
            let name = try identifier()
            index += 1
            if keywords.contains(where: { $0.0 == name }) {
              throw SourceError("keyword argument repeated: \(name)", at: token.location)
            }
            keywords.append((name, try expression()))
          } else {
            if !keywords.isEmpty {
              throw SourceError(
                "positional argument follows keyword argument", at: current.location)
            }
            let argument = try expression()
            if current.isName("for") {
              throw Self.unsupported("generator expressions are", at: current.location)
            }
            arguments.append(argument)
          }
          if !accept(",") { break }
        }
        try expect(")")
        value = .call(value, arguments: arguments, keywords: keywords, token.location)
      } else if accept(".") {
        value = .attribute(value, try identifier(), token.location)
      } else if accept("[") {
        if current.isSymbol(":") { throw Self.unsupported("slices are", at: current.location) }
        let index = try expressionList()
        if current.isSymbol(":") { throw Self.unsupported("slices are", at: current.location) }
        try expect("]")
        value = .item(value, index, token.location)
      } else {
        return value
      }
    }
  }

  private mutating func atom() throws(SourceError) -> Expression {
    let token = take()
    switch token.kind {
    case .int(let value): return .constant(.int(value), token.location)
    case .float(let value): return .constant(.float(value), token.location)
    case .string(let text, let formatted):
      var parts = formatted ? try FormatParser.parts(token) : [FormatPart.text(text)]
      var anyFormatted = formatted
      while case .string(let more, let moreFormatted) = current.kind {
        let next = take()
        parts += moreFormatted ? try FormatParser.parts(next) : [.text(more)]
        anyFormatted = anyFormatted || moreFormatted
      }
      if !anyFormatted {
        let joined = parts.map { if case .text(let text) = $0 { return text } else { return "" } }
        return .constant(.str(joined.joined()), token.location)
      }
      return .formatted(parts, token.location)
    case .name(let name):
      switch name {
      case "True": return .constant(.bool(true), token.location)
      case "False": return .constant(.bool(false), token.location)
      case "None": return .constant(.none, token.location)
      case "lambda": throw Self.unsupported("lambda is", at: token.location)
      case "yield", "await": throw Self.unsupported("'\(name)' is", at: token.location)
      default:
        guard !Self.keywords.contains(name) else {
          throw SourceError("invalid syntax", at: token.location)
        }
        return .name(name, token.location)
      }
    case .symbol("("):
      if accept(")") { return .tuple([], token.location) }
      let first = try expression()
      if current.isName("for") {
        throw Self.unsupported("generator expressions are", at: current.location)
      }
      guard accept(",") else {
        try expect(")")
        return first
      }
      var items = [first]
      while !current.isSymbol(")") {
        items.append(try expression())
        if !accept(",") { break }
      }
      try expect(")")
      return .tuple(items, token.location)
    case .symbol("["):
      if accept("]") { return .list([], token.location) }
      let first = try expression()
      if acceptName("for") {
        let target = try identifier()
        guard acceptName("in") else { throw SourceError("expected 'in'", at: current.location) }
        let iterable = try orTest()
        let condition = acceptName("if") ? try orTest() : nil
        if current.isName("for") || current.isName("if") {
          throw Self.unsupported("nested comprehensions are", at: current.location)
        }
        try expect("]")
        return .comprehension(
          element: first, target: target, iterable: iterable, condition: condition, token.location)
      }
      var items = [first]
      while accept(",") {
        if current.isSymbol("]") { break }
        items.append(try expression())
      }
      try expect("]")
      return .list(items, token.location)
    case .symbol("{"):
      throw Self.unsupported("dicts and sets are", at: token.location)
    case .symbol("..."):
      return .constant(.none, token.location)
    case .newline, .end:
      throw SourceError("invalid syntax", at: token.location)
    case .indent:
      throw SourceError("unexpected indent", at: token.location)
    default:
      throw SourceError("invalid syntax", at: token.location)
    }
  }
}
