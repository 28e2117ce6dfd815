/// A program's syntax tree: the subset's statements and expressions, each
/// with where it stands in the text.
indirect enum Expression: Sendable {
  case name(String, SourceLocation)
  case constant(Value, SourceLocation)
  /// An f-string: literal text and fields, in order.
  case formatted([FormatPart], SourceLocation)
  case tuple([Expression], SourceLocation)
  case list([Expression], SourceLocation)
  /// `[element for target in iterable if condition]`.
  case comprehension(
    element: Expression, target: String, iterable: Expression, condition: Expression?,
    SourceLocation)
  case binary(BinaryOperator, Expression, Expression, SourceLocation)
  case unary(UnaryOperator, Expression, SourceLocation)
  /// `a < b <= c`: each comparison with the operand after it.
  case compare(Expression, [(CompareOperator, Expression)], SourceLocation)
  /// `and` (true) or `or` (false) over two or more operands.
  case logical(and: Bool, [Expression], SourceLocation)
  /// `body if condition else other`.
  case conditional(body: Expression, condition: Expression, other: Expression, SourceLocation)
  case call(Expression, arguments: [Expression], keywords: [(String, Expression)], SourceLocation)
  case attribute(Expression, String, SourceLocation)
  case item(Expression, Expression, SourceLocation)

  var location: SourceLocation {
    switch self {
    case .name(_, let at), .constant(_, let at), .formatted(_, let at), .tuple(_, let at),
      .list(_, let at), .binary(_, _, _, let at), .unary(_, _, let at), .compare(_, _, let at),
      .logical(_, _, let at), .call(_, _, _, let at), .attribute(_, _, let at),
      .item(_, _, let at):
      return at
    case .comprehension(_, _, _, _, let at), .conditional(_, _, _, let at):
      return at
    }
  }
}

/// A piece of an f-string.
enum FormatPart: Sendable {
  case text(String)
  /// `{expression!conversion:spec}`; the spec may itself hold fields.
  case field(Expression, conversion: Character?, spec: [FormatPart])
}

enum BinaryOperator: String, Sendable {
  case add = "+"
  case subtract = "-"
  case multiply = "*"
  case floorDivide = "//"
  case divide = "/"
  case modulo = "%"
  case power = "**"
}

enum UnaryOperator: String, Sendable {
  case negate = "-"
  case plus = "+"
  case not = "not"
}

enum CompareOperator: String, Sendable {
  case equal = "=="
  case notEqual = "!="
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="
  case isIn = "in"
  case notIn = "not in"
  case isSame = "is"
  case isNotSame = "is not"
}

/// What an assignment stores into.
indirect enum Target: Sendable {
  case name(String, SourceLocation)
  case item(Expression, Expression, SourceLocation)
  case tuple([Target], SourceLocation)
  /// `t.daemon = True`.
  case attribute(Expression, String, SourceLocation)
}

indirect enum Statement: Sendable {
  case expression(Expression, SourceLocation)
  /// `a = b = value`: every target, left to right.
  case assign([Target], Expression, SourceLocation)
  case augmentedAssign(Target, BinaryOperator, Expression, SourceLocation)
  case ifElse(Expression, body: [Statement], other: [Statement], SourceLocation)
  case whileLoop(Expression, body: [Statement], SourceLocation)
  case forLoop(Target, Expression, body: [Statement], SourceLocation)
  case breakLoop(SourceLocation)
  case continueLoop(SourceLocation)
  case pass(SourceLocation)
  case returnValue(Expression?, SourceLocation)
  case global([String], SourceLocation)
  case function(FunctionDefinition)
  /// `import a, b as c`: each module with the name it is bound to.
  case importModules([(module: String, bound: String)], SourceLocation)
  /// `from a import b, c as d`: the module, each name with the name it is
  /// bound to.
  case importNames(String, [(name: String, bound: String)], SourceLocation)
  case tryFinally(body: [Statement], final: [Statement], SourceLocation)
  case with(Expression, body: [Statement], SourceLocation)
  case assertion(Expression, message: Expression?, SourceLocation)

  var location: SourceLocation {
    switch self {
    case .expression(_, let at), .assign(_, _, let at), .augmentedAssign(_, _, _, let at),
      .ifElse(_, _, _, let at), .whileLoop(_, _, let at), .forLoop(_, _, _, let at),
      .breakLoop(let at), .continueLoop(let at), .pass(let at), .returnValue(_, let at),
      .global(_, let at), .importModules(_, let at), .importNames(_, _, let at),
      .tryFinally(_, _, let at),
      .with(_, _, let at), .assertion(_, _, let at):
      return at
    case .function(let definition): return definition.location
    }
  }
}

struct FunctionDefinition: Sendable {
  var name: String
  var parameters: [String]
  /// Default values of the last parameters.
  var defaults: [Expression]
  var body: [Statement]
  var location: SourceLocation
}
