/// What the subset offers by name, so that a program reaching for anything
/// else is refused before it runs rather than failing halfway.
enum Subset {
  /// Every method a value of the subset has (lists, strings, threads,
  /// locks, conditions, semaphores).
  static let methods: Set<String> = [
    "append", "pop", "insert", "remove", "clear", "extend",
    "upper", "lower", "strip", "join", "startswith",
    "start", "is_alive",
    "acquire", "release", "locked", "acquire_lock", "release_lock", "locked_lock",
    "wait", "notify", "notify_all", "notifyAll",
  ]

  /// Every attribute read without a call (a thread's).
  static let attributes: Set<String> = ["name", "ident", "native_id", "daemon"]

  /// Python's built-in functions and types that the subset does not have:
  /// naming one is refused before the run (a name Python does not know
  /// either is a `NameError` when reached, as in Python).
  static let missingBuiltins: Set<String> = [
    "isinstance", "issubclass", "input", "open", "dict", "set", "frozenset", "map", "filter",
    "zip", "reversed", "any", "all", "hash", "id", "iter", "next", "chr", "ord", "hex", "bin",
    "oct", "divmod", "pow", "format", "getattr", "setattr", "hasattr", "delattr", "vars", "dir",
    "globals", "locals", "eval", "exec", "compile", "super", "object", "property",
    "staticmethod", "classmethod", "callable", "bytes", "bytearray", "memoryview", "complex",
    "slice", "exit", "quit", "help", "breakpoint", "ascii", "__import__", "aiter", "anext",
  ]

  /// The built-in functions the subset has, for an error that lists them.
  static var builtins: String {
    Builtin.global.keys.sorted().joined(separator: ", ")
  }

  static func missingBuiltin(_ name: String, at location: SourceLocation) -> SourceError {
    SourceError("\(name)() is not supported here (supported: \(builtins))", at: location)
  }

  static func missingAttribute(_ module: Module, _ name: String, at location: SourceLocation)
    -> SourceError
  {
    SourceError(
      "\(module.rawValue).\(name) is not supported here (supported from \(module.rawValue): "
        + "\(module.offered.joined(separator: ", ")))", at: location)
  }

  static func missingMethod(_ name: String, at location: SourceLocation) -> SourceError {
    if name == "format" {
      return SourceError(
        "the method '.format()' is not supported here; an f-string or % formatting does this",
        at: location)
    }
    // A typo of a method the subset has (`aquire`) says which one.
    let near = methods.map { (method: $0, edits: distance($0, name)) }
      .filter { $0.edits <= min(2, name.count / 3) }
      .min { ($0.edits, $0.method) < ($1.edits, $1.method) }?.method
    if let near {
      return SourceError(
        "the method '.\(name)()' is not supported here: did you mean '.\(near)()'?", at: location)
    }
    return SourceError(
      "the method '.\(name)()' is not supported here (supported: "
        + "\(methods.sorted().joined(separator: ", ")); see 'interleave help programs')",
      at: location)
  }

  /// Edits (insertions, deletions, substitutions) from `a` to `b`.
  static func distance(_ a: String, _ b: String) -> Int {
    let b = Array(b)
    // Edits from the first i characters of `a` to each prefix of `b`.
    var row = Array(0...b.count)
    for (i, x) in a.enumerated() {
      var next = [i + 1]
      for (j, y) in b.enumerated() {
        next.append(min(row[j + 1] + 1, next[j] + 1, row[j] + (x == y ? 0 : 1)))
      }
      row = next
    }
    return row[b.count]
  }

  static func missingAttribute(_ name: String, at location: SourceLocation) -> SourceError {
    SourceError(
      "the attribute '.\(name)' is not supported here (supported: a thread's "
        + "\(attributes.sorted().joined(separator: ", ")))", at: location)
  }
}
