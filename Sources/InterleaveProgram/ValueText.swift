import Glibc

/// Values as text, as Python's `str()`, `repr()` and `format()` give them.
extension Value {
  /// `str(value)`; objects need the run's objects to be named.
  func str(_ objects: SharedObjects) -> String {
    if case .str(let text) = self { return text }
    return repr(objects)
  }

  func repr(_ objects: SharedObjects) -> String {
    switch self {
    case .none: return "None"
    case .bool(let value): return value ? "True" : "False"
    case .int(let value): return String(value)
    case .float(let value): return Self.floatText(value)
    case .str(let text): return Self.quoted(text)
    case .tuple(let items):
      let inner = items.map { $0.repr(objects) }
      return items.count == 1 ? "(\(inner[0]),)" : "(" + inner.joined(separator: ", ") + ")"
    case .list(let items): return "[" + items.map { $0.repr(objects) }.joined(separator: ", ") + "]"
    case .function(let index): return "<function #\(index)>"
    case .builtin(let builtin): return "<built-in function \(builtin.pythonName)>"
    case .module(let module): return "<module '\(module.rawValue)'>"
    case .type(let name): return "<class '\(name)'>"
    case .iterator: return "<range_iterator object>"
    case .object(let index): return Self.objectText(index, objects)
    }
  }

  static func objectText(_ index: Int, _ objects: SharedObjects) -> String {
    let address = "0x7f" + String(0x1000_0000 + index * 0x40, radix: 16)
    switch objects.objects[index] {
    case .thread(let thread):
      let kind = thread.isMain ? "_MainThread" : thread.dummy ? "_DummyThread" : "Thread"
      var state: String
      switch thread.state {
      case .initial: state = "initial"
      case .started: state = "started \(thread.ident)"
      case .stopped: state = "stopped \(thread.ident)"
      }
      if thread.daemon { state += " daemon" }
      return "<\(kind)(\(thread.name), \(state))>"
    case .lock(let lock):
      let held = lock.owner == nil ? "unlocked" : "locked"
      if lock.reentrant {
        return
          "<\(held) _thread.RLock object owner=\(lock.owner.map { objects.thread($0)?.ident ?? 0 } ?? 0) count=\(lock.count) at \(address)>"
      }
      return "<\(held) _thread.lock object at \(address)>"
    case .condition:
      return "<Condition(<unlocked _thread.lock object at \(address)>, 0)>"
    case .semaphore(_, let bound):
      return "<threading.\(bound == nil ? "Semaphore" : "BoundedSemaphore") object at \(address)>"
    }
  }

  /// The type's name as `type(x)` prints it.
  func typeName(_ objects: SharedObjects) -> String {
    switch self {
    case .none: return "NoneType"
    case .bool: return "bool"
    case .int: return "int"
    case .float: return "float"
    case .str: return "str"
    case .tuple: return "tuple"
    case .list: return "list"
    case .function: return "function"
    case .builtin: return "builtin_function_or_method"
    case .module: return "module"
    case .type: return "type"
    case .iterator: return "range_iterator"
    case .object(let index):
      switch objects.objects[index] {
      case .thread(let thread):
        return thread.isMain
          ? "threading._MainThread" : thread.dummy ? "threading._DummyThread" : "threading.Thread"
      case .lock(let lock): return lock.reentrant ? "_thread.RLock" : "_thread.lock"
      case .condition: return "threading.Condition"
      case .semaphore(_, let bound):
        return bound == nil ? "threading.Semaphore" : "threading.BoundedSemaphore"
      }
    }
  }

  /// Python's `repr(float)`: the shortest text that reads back the same.
  static func floatText(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    if value == value.rounded(), abs(value) < 1e16 {
      if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
      return String(Int(value)) + ".0"
    }
    var text = "\(value)"
    // Swift writes 1e-05 and 1e+16 as Python does; both agree on digits.
    if let e = text.firstIndex(of: "e") {
      let mantissa = text[..<e]
      var exponent = text[text.index(after: e)...]
      var sign = "+"
      if exponent.hasPrefix("-") || exponent.hasPrefix("+") {
        sign = exponent.hasPrefix("-") ? "-" : "+"
        exponent = exponent.dropFirst()
      }
      let digits = exponent.count < 2 ? "0" + exponent : String(exponent)
      text = mantissa + "e" + sign + digits
    }
    return text
  }

  /// `repr(str)`: single quotes unless the text has one and no double.
  static func quoted(_ text: String) -> String {
    let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
    var out = String(quote)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if Character(scalar) == quote {
          out += "\\" + String(quote)
        } else if scalar.value < 0x20 || scalar.value == 0x7F {
          out += "\\x" + (scalar.value < 16 ? "0" : "") + String(scalar.value, radix: 16)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out.append(quote)
    return out
  }

  /// `format(value, spec)`: fill, align, sign, width, `,`/`_`, precision
  /// and the types d, f, %, s, x, b, o, e.
  func formatted(_ spec: String, _ objects: SharedObjects) throws(PythonError) -> String {
    if spec.isEmpty { return str(objects) }
    var characters = Array(spec)
    var fill: Character = " "
    var align: Character?
    if characters.count >= 2, "<>^=".contains(characters[1]) {
      fill = characters[0]
      align = characters[1]
      characters.removeFirst(2)
    } else if let first = characters.first, "<>^=".contains(first) {
      align = first
      characters.removeFirst()
    }
    var sign: Character = "-"
    if let first = characters.first, "+- ".contains(first) {
      sign = first
      characters.removeFirst()
    }
    if characters.first == "0" {
      if align == nil {
        fill = "0"
        align = "="
      }
      characters.removeFirst()
    }
    var width = 0
    while let first = characters.first, let digit = first.wholeNumberValue, first.isASCII {
      width = width * 10 + digit
      characters.removeFirst()
    }
    var grouping: Character?
    if let first = characters.first, first == "," || first == "_" {
      grouping = first
      characters.removeFirst()
    }
    var precision: Int?
    if characters.first == "." {
      characters.removeFirst()
      var digits = 0
      while let first = characters.first, let digit = first.wholeNumberValue, first.isASCII {
        digits = digits * 10 + digit
        characters.removeFirst()
      }
      precision = digits
    }
    let kind = characters.first
    guard characters.count <= 1 else {
      throw PythonError.valueError(
        "Invalid format specifier '\(spec)' for object of type '\(typeName(objects))'")
    }
    var body: String
    var negative = false
    switch (self, kind) {
    case (.str(let text), nil), (.str(let text), "s"):
      body = precision.map { String(text.prefix($0)) } ?? text
      return Self.pad(body, width: width, fill: fill, align: align ?? "<", sign: "")
    case (.int(let value), nil), (.int(let value), "d"):
      negative = value < 0
      body = Self.grouped(String(value.magnitude), grouping)
    case (.int(let value), "x"), (.int(let value), "X"), (.int(let value), "b"),
      (.int(let value), "o"):
      negative = value < 0
      let radix = kind == "b" ? 2 : kind == "o" ? 8 : 16
      body = String(value.magnitude, radix: radix, uppercase: kind == "X")
    case (.int, _), (.float, _), (.bool, _):
      let number: Double
      switch self {
      case .int(let value): number = Double(value)
      case .bool(let value): number = value ? 1 : 0
      case .float(let value): number = value
      default: number = 0
      }
      if case .bool = self, kind == nil {
        return Self.pad(str(objects), width: width, fill: fill, align: align ?? "<", sign: "")
      }
      negative = number < 0 || (number == 0 && number.sign == .minus)
      let magnitude = abs(number)
      switch kind {
      case "f", "F": body = Self.fixed(magnitude, precision ?? 6)
      case "%": body = Self.fixed(magnitude * 100, precision ?? 6) + "%"
      case "e", "E": body = Self.scientific(magnitude, precision ?? 6)
      case nil:
        body = precision.map { Self.fixed(magnitude, $0) } ?? Self.floatText(magnitude)
      case "g", "G": body = Self.floatText(magnitude)
      default:
        throw PythonError.valueError(
          "Unknown format code '\(kind!)' for object of type '\(typeName(objects))'")
      }
      if let grouping {
        let parts = body.split(separator: ".", maxSplits: 1)
        body = Self.grouped(String(parts[0]), grouping) + (parts.count > 1 ? "." + parts[1] : "")
      }
    default:
      if kind == nil || kind == "s" {
        return Self.pad(str(objects), width: width, fill: fill, align: align ?? "<", sign: "")
      }
      throw PythonError.valueError(
        "Unknown format code '\(kind!)' for object of type '\(typeName(objects))'")
    }
    let signText = negative ? "-" : sign == "+" ? "+" : sign == " " ? " " : ""
    return Self.pad(body, width: width, fill: fill, align: align ?? ">", sign: signText)
  }

  private static func pad(
    _ body: String, width: Int, fill: Character, align: Character, sign: String
  )
    -> String
  {
    let length = body.count + sign.count
    guard length < width else { return sign + body }
    let padding = width - length
    switch align {
    case "<": return sign + body + String(repeating: fill, count: padding)
    case "^":
      let left = padding / 2
      return String(repeating: fill, count: left) + sign + body
        + String(repeating: fill, count: padding - left)
    case "=": return sign + String(repeating: fill, count: padding) + body
    default: return String(repeating: fill, count: padding) + sign + body
    }
  }

  private static func grouped(_ digits: String, _ separator: Character?) -> String {
    guard let separator else { return digits }
    var out = ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { out.append(separator) }
      out.append(digit)
    }
    return out
  }

  /// `value` with `digits` after the point, rounded half to even as C's printf.
  static func fixed(_ value: Double, _ digits: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : "inf" }
    var text = ""
    withVaList([digits, value]) { arguments in
      var buffer = [CChar](repeating: 0, count: 512)
      _ = vsnprintf(&buffer, buffer.count, "%.*f", arguments)
      text = String(cString: buffer)
    }
    return text
  }

  static func scientific(_ value: Double, _ digits: Int) -> String {
    var text = ""
    withVaList([digits, value]) { arguments in
      var buffer = [CChar](repeating: 0, count: 512)
      _ = vsnprintf(&buffer, buffer.count, "%.*e", arguments)
      text = String(cString: buffer)
    }
    return text
  }
}
