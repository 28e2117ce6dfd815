/// What a thread's step does, as data: each language says it in its own
/// words (`ProgramWords.stepSaid`), and code (names, values, calls) stays
/// as written. `english` is how the model says it.
public enum StepSaid: Sendable, Hashable {
  /// A read of a global: its value now (before the step), or the value it
  /// got (`taken`, in a line's steps already taken).
  case read(global: String, value: String?, taken: Bool)
  case write(global: String, value: String)
  /// `with NAME:` taking its lock, and the thread (by slot) that holds it.
  case enterWith(name: String, holder: Int?)
  /// `with NAME:` giving its lock back, at the end of the block.
  case exitWith(name: String)
  /// `wait()` woken: it takes its lock back.
  case wake
  /// `time.sleep(3)`: one step, however long it was written to take
  /// (`seconds`, when a number).
  case sleep(call: String, seconds: Double?)
  /// `lock.acquire()`, `items.append()`: a method of a named object, and
  /// the lock's holder when the step acquires a held lock.
  case method(receiver: String, name: String, holder: Int?)
  /// Any other call, as code: `print(...)`, `threading.current_thread(...)`.
  case code(String)

  /// The model's English: `read balance, now 5`, `with lock: acquire, 2 has it`.
  public var english: String {
    switch self {
    case .read(let global, let value, let taken):
      guard let value else { return "read \(global)" }
      return taken ? "read \(global) → \(value)" : "read \(global), now \(value)"
    case .write(let global, let value): return "write \(global) = \(value)"
    case .enterWith(let name, let holder): return "with \(name): acquire" + Self.has(holder)
    case .exitWith(let name): return "with \(name): release"
    case .wake: return "wait(): wake"
    case .sleep(let call, _): return "\(call): 1 step"
    case .method(let receiver, let name, let holder):
      return "\(receiver).\(name)()" + Self.has(holder)
    case .code(let text): return text
    }
  }

  /// The lock a step waits to take and the thread that holds it, if any.
  public var heldLock: (name: String, holder: Int)? {
    switch self {
    case .enterWith(let name, let holder?): return (name, holder)
    case .method(let receiver, _, let holder?): return (receiver, holder)
    default: return nil
    }
  }

  /// The seconds a `time.sleep` step asks for, if it is one.
  public var sleepSeconds: Double? {
    guard case .sleep(_, let seconds) = self else { return nil }
    return seconds
  }

  /// As taken: a read says the value it got.
  var taken: StepSaid {
    guard case .read(let global, let value, _) = self else { return self }
    return .read(global: global, value: value, taken: true)
  }

  /// The same with every value's text passed through `change` (the real
  /// threads' idents for the model's).
  public func mapValues(_ change: (String) -> String) -> StepSaid {
    switch self {
    case .read(let global, let value, let taken):
      return .read(global: global, value: value.map(change), taken: taken)
    case .write(let global, let value): return .write(global: global, value: change(value))
    default: return self
    }
  }

  private static func has(_ holder: Int?) -> String { holder.map { ", \($0) has it" } ?? "" }
}
