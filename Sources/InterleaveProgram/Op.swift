/// One instruction of a compiled function. The operand stack is empty at
/// every statement's start (loops keep their place in hidden locals), so a
/// `finally` block can begin with an empty stack.
enum Op: Hashable, Sendable {
  case constant(Value)
  case loadLocal(Int)
  case storeLocal(Int)
  /// A step when the global holds data (see `Value.isData`).
  case loadGlobal(Int)
  /// A step when the value stored is data.
  case storeGlobal(Int)
  /// `NameError` for a name that is neither global nor built in.
  case nameError(String)
  case pop
  case duplicate
  case binary(BinaryOperator)
  case unary(UnaryOperator)
  case compare(CompareOperator)
  case jump(Int)
  /// Pops the condition.
  case jumpIfFalse(Int)
  case jumpIfTrue(Int)
  /// `and`/`or`: jumps keeping the value, or pops it and goes on.
  case jumpIfFalseOrPop(Int)
  case jumpIfTrueOrPop(Int)
  case buildTuple(Int)
  case buildList(Int)
  /// Joins the top `count` strings.
  case concatenate(Int)
  /// `format(value, spec)` with `!r`/`!s`; the spec (a string) is on top
  /// when `withSpec`.
  case format(conversion: Character?, withSpec: Bool)
  case attribute(String)
  /// Object then value: `object.name = value` (a thread's `daemon`, `name`).
  case storeAttribute(String)
  /// Callee then arguments (keyword values last, named by `keywords`).
  case call(arguments: Int, keywords: [String])
  /// Receiver then arguments: `receiver.name(...)`.
  case callMethod(String, arguments: Int, keywords: [String])
  /// `global.name(...)` on a global list (`append`, `pop`, and
  /// `__setitem__` for `g[i] = v`): one step that reads and writes it, as a
  /// list method is one bytecode under the GIL.
  case callGlobalMethod(global: Int, String, arguments: Int)
  /// `local.name(...)` on a local list.
  case callLocalMethod(local: Int, String, arguments: Int)
  case item
  case unpack(Int)
  /// Pops an iterable, stores an iterator in the local.
  case iterate(into: Int)
  /// Pushes the iterator's next value, or jumps when it has none.
  case forNext(local: Int, exit: Int)
  case returnValue
  /// `assert` failed: raises `AssertionError` (with the message on top).
  case assertFailed(withMessage: Bool)
  /// Ends a `finally` run for an error: raises it again.
  case reraise
  /// `with x:` entry (`__enter__`): acquires a lock, condition or semaphore.
  case enter
  /// `with x:` exit (`__exit__`): releases it.
  case exit
  /// Defines a function: the defaults on the stack, `global` set.
  case makeFunction(Int, defaults: Int)
}

/// A range of a function's code guarded by a `finally`: an error raised
/// there runs the handler (a copy of the finally block, then `reraise`).
struct Handler: Hashable, Sendable {
  var start: Int
  var end: Int
  var handler: Int
}

/// A compiled function (`<module>` is function 0).
public struct Function: Sendable {
  public var name: String
  var parameters: [String]
  var defaults: [Value] = []
  var code: [Op] = []
  /// The source line of each op.
  var lines: [Int] = []
  var localNames: [String] = []
  var handlers: [Handler] = []
}

/// A whole program, compiled: what both executors run.
public struct Program: Sendable {
  public var file: String
  /// The program's text, line by line (for tracebacks and panes).
  public var sourceLines: [String]
  public var functions: [Function]
  public var globalNames: [String]

  /// The text of line `line` (1-based), trimmed.
  func text(line: Int) -> String {
    guard line >= 1, line <= sourceLines.count else { return "" }
    return String(sourceLines[line - 1].drop(while: { $0 == " " || $0 == "\t" }))
  }
}
