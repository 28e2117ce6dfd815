import Glibc

/// Arithmetic, comparison and `%` formatting on values, with Python's
/// rules and error messages (CPython 3.11).
enum Operations {
  static func number(_ value: Value) -> Double? {
    switch value {
    case .int(let value): return Double(value)
    case .bool(let value): return value ? 1 : 0
    case .float(let value): return value
    default: return nil
    }
  }

  static func integer(_ value: Value) -> Int? {
    switch value {
    case .int(let value): return value
    case .bool(let value): return value ? 1 : 0
    default: return nil
    }
  }

  static let overflow = PythonError(
    "OverflowError", "integers beyond 64 bits are not supported here")

  static func binary(
    _ operation: BinaryOperator, _ left: Value, _ right: Value,
    _ objects: @autoclosure () -> SharedObjects
  )
    throws(PythonError) -> Value
  {
    if let a = integer(left), let b = integer(right) {
      switch operation {
      case .add: return try checked(a.addingReportingOverflow(b))
      case .subtract: return try checked(a.subtractingReportingOverflow(b))
      case .multiply: return try checked(a.multipliedReportingOverflow(by: b))
      case .floorDivide, .modulo:
        guard b != 0 else {
          throw PythonError("ZeroDivisionError", "integer division or modulo by zero")
        }
        if a == Int.min && b == -1 { throw overflow }
        var quotient = a / b
        var remainder = a % b
        if remainder != 0 && (remainder < 0) != (b < 0) {
          quotient -= 1
          remainder += b
        }
        return .int(operation == .floorDivide ? quotient : remainder)
      case .divide:
        guard b != 0 else { throw PythonError("ZeroDivisionError", "division by zero") }
        return .float(Double(a) / Double(b))
      case .power:
        if b < 0 { return .float(pow(Double(a), Double(b))) }
        var result = 1
        for _ in 0..<b {
          let (product, overflowed) = result.multipliedReportingOverflow(by: a)
          if overflowed { throw overflow }
          result = product
        }
        return .int(result)
      }
    }
    if let a = number(left), let b = number(right) {
      switch operation {
      case .add: return .float(a + b)
      case .subtract: return .float(a - b)
      case .multiply: return .float(a * b)
      case .divide:
        guard b != 0 else { throw PythonError("ZeroDivisionError", "float division by zero") }
        return .float(a / b)
      case .floorDivide:
        guard b != 0 else { throw PythonError("ZeroDivisionError", "float floor division by zero") }
        return .float((a / b).rounded(.down))
      case .modulo:
        guard b != 0 else { throw PythonError("ZeroDivisionError", "float modulo") }
        let remainder = a.truncatingRemainder(dividingBy: b)
        return .float(remainder != 0 && (remainder < 0) != (b < 0) ? remainder + b : remainder)
      case .power: return .float(pow(a, b))
      }
    }
    switch (operation, left, right) {
    case (.add, .str(let a), .str(let b)): return .str(a + b)
    case (.add, .list(let a), .list(let b)): return .list(a + b)
    case (.add, .tuple(let a), .tuple(let b)): return .tuple(a + b)
    case (.multiply, .str(let text), _), (.multiply, _, .str(let text)):
      guard let count = integer(left) ?? integer(right) else { break }
      return .str(String(repeating: text, count: max(0, count)))
    case (.multiply, .list(let items), _), (.multiply, _, .list(let items)):
      guard let count = integer(left) ?? integer(right) else { break }
      guard items.count * max(0, count) <= Limits.listItems else { throw Limits.tooLong }
      return .list(Array(repeating: items, count: max(0, count)).flatMap { $0 })
    case (.modulo, .str(let format), _):
      return .str(try percent(format, right, objects()))
    default: break
    }
    let symbol = operation.rawValue
    throw .typeError(
      "unsupported operand type(s) for \(symbol): '\(left.typeName(objects()))' and '\(right.typeName(objects()))'"
    )
  }

  private static func checked(_ result: (partialValue: Int, overflow: Bool)) throws(PythonError)
    -> Value
  {
    if result.overflow { throw overflow }
    return .int(result.partialValue)
  }

  static func unary(
    _ operation: UnaryOperator, _ value: Value, _ objects: @autoclosure () -> SharedObjects
  ) throws(PythonError)
    -> Value
  {
    switch (operation, value) {
    case (.not, _): return .bool(!value.isTrue)
    case (.negate, .int(let a)):
      guard a != Int.min else { throw overflow }
      return .int(-a)
    case (.negate, .bool(let a)): return .int(a ? -1 : 0)
    case (.negate, .float(let a)): return .float(-a)
    case (.plus, .int), (.plus, .float): return value
    case (.plus, .bool(let a)): return .int(a ? 1 : 0)
    default:
      throw .typeError(
        "bad operand type for unary \(operation.rawValue): '\(value.typeName(objects()))'")
    }
  }

  /// `==` as Python: 1 == 1.0 == True.
  static func equal(_ left: Value, _ right: Value) -> Bool {
    if let a = number(left), let b = number(right) {
      if let x = integer(left), let y = integer(right) { return x == y }
      return a == b
    }
    switch (left, right) {
    case (.list(let a), .list(let b)), (.tuple(let a), .tuple(let b)):
      return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1) }
    default: return left == right
    }
  }

  static func compare(
    _ operation: CompareOperator, _ left: Value, _ right: Value,
    _ objects: @autoclosure () -> SharedObjects
  )
    throws(PythonError) -> Bool
  {
    switch operation {
    case .equal: return equal(left, right)
    case .notEqual: return !equal(left, right)
    case .isSame: return left == right
    case .isNotSame: return left != right
    case .isIn, .notIn:
      let found: Bool
      switch right {
      case .str(let text):
        guard case .str(let part) = left else {
          throw .typeError(
            "'in <string>' requires string as left operand, not \(left.typeName(objects()))")
        }
        found = part.isEmpty || text.contains(part)
      case .list(let items), .tuple(let items): found = items.contains { equal($0, left) }
      default:
        throw .typeError("argument of type '\(right.typeName(objects()))' is not iterable")
      }
      return operation == .isIn ? found : !found
    default:
      guard let order = try self.order(left, right, objects(), operation) else { return false }
      switch operation {
      case .less: return order < 0
      case .lessOrEqual: return order <= 0
      case .greater: return order > 0
      default: return order >= 0
      }
    }
  }

  /// -1, 0 or 1; nil for an unordered pair (a NaN).
  private static func order(
    _ left: Value, _ right: Value, _ objects: @autoclosure () -> SharedObjects,
    _ operation: CompareOperator
  )
    throws(PythonError) -> Int?
  {
    if let x = integer(left), let y = integer(right) { return x < y ? -1 : x == y ? 0 : 1 }
    if let a = number(left), let b = number(right) {
      if a.isNaN || b.isNaN { return nil }
      return a < b ? -1 : a == b ? 0 : 1
    }
    switch (left, right) {
    case (.str(let a), .str(let b)):
      let x = Array(a.unicodeScalars.map(\.value))
      let y = Array(b.unicodeScalars.map(\.value))
      return x.lexicographicallyPrecedes(y) ? -1 : x == y ? 0 : 1
    case (.list(let a), .list(let b)), (.tuple(let a), .tuple(let b)):
      for (x, y) in zip(a, b) where !equal(x, y) {
        return try order(x, y, objects(), operation)
      }
      return a.count < b.count ? -1 : a.count == b.count ? 0 : 1
    default:
      throw .typeError(
        "'\(operation.rawValue)' not supported between instances of '\(left.typeName(objects()))' and '\(right.typeName(objects()))'"
      )
    }
  }

  /// `format % values`: %s %r %d %i %f %x %% with width and precision.
  static func percent(
    _ format: String, _ values: Value, _ objects: @autoclosure () -> SharedObjects
  ) throws(PythonError) -> String {
    var arguments: [Value]
    if case .tuple(let items) = values { arguments = items } else { arguments = [values] }
    var out = ""
    var characters = Array(format)[...]
    var used = 0
    while let character = characters.popFirst() {
      guard character == "%" else {
        out.append(character)
        continue
      }
      var spec = ""
      while let next = characters.first, "-+ 0#.0123456789".contains(next) {
        spec.append(next)
        characters.removeFirst()
      }
      guard let kind = characters.popFirst() else {
        throw .valueError("incomplete format")
      }
      if kind == "%" {
        out.append("%")
        continue
      }
      guard used < arguments.count else {
        throw .typeError("not enough arguments for format string")
      }
      let argument = arguments[used]
      used += 1
      var flags = spec
      var precision: Int?
      if let dot = spec.firstIndex(of: ".") {
        precision = Int(spec[spec.index(after: dot)...]) ?? 0
        flags = String(spec[..<dot])
      }
      let left = flags.contains("-")
      let zero = flags.contains("0") && !left
      let plus = flags.contains("+")
      let width = Int(flags.drop(while: { "-+ #0".contains($0) })) ?? 0
      var body: String
      switch kind {
      case "s": body = argument.str(objects())
      case "r", "a": body = argument.repr(objects())
      case "d", "i", "u":
        guard let number = number(argument) else {
          throw .typeError(
            "%\(kind) format: a real number is required, not \(argument.typeName(objects()))")
        }
        body = String(Int(number.rounded(.towardZero)))
      case "f", "F":
        guard let number = number(argument) else {
          throw .typeError("must be real number, not \(argument.typeName(objects()))")
        }
        body = Value.fixed(number, precision ?? 6)
      case "x", "X", "o":
        guard let number = integer(argument) else {
          throw .typeError(
            "%\(kind) format: an integer is required, not \(argument.typeName(objects()))")
        }
        body = String(number, radix: kind == "o" ? 8 : 16, uppercase: kind == "X")
      case "c":
        guard let code = integer(argument), let scalar = Unicode.Scalar(UInt32(clamping: code))
        else {
          throw .typeError("%c requires int or char")
        }
        body = String(Character(scalar))
      default:
        throw .valueError("unsupported format character '\(kind)'")
      }
      if let precision, kind == "s" || kind == "r" { body = String(body.prefix(precision)) }
      if plus, "dif".contains(kind), !body.hasPrefix("-") { body = "+" + body }
      if body.count < width {
        let padding = String(repeating: zero ? "0" : " ", count: width - body.count)
        if left {
          body += String(repeating: " ", count: width - body.count)
        } else if zero, body.hasPrefix("-") || body.hasPrefix("+") {
          body = String(body.first!) + padding + body.dropFirst()
        } else {
          body = padding + body
        }
      }
      out += body
    }
    if used < arguments.count {
      throw .typeError("not all arguments converted during string formatting")
    }
    return out
  }
}

/// The most a program may build: beyond these it is refused, with its line.
enum Limits {
  static let listItems = 1_000_000
  static let stringBytes = 1 << 20
  static let threads = 256
  static let callDepth = 100
  static let tooLong = PythonError(
    "MemoryError", "lists over 1,000,000 items are not supported here")
}
