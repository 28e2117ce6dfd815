/// A value in a running program. Lists are values here: `b = a` copies
/// (the subset's one difference from Python, said in `help programs`).
public enum Value: Hashable, Sendable {
  case none
  case bool(Bool)
  case int(Int)
  case float(Double)
  case str(String)
  case tuple([Value])
  case list([Value])
  /// A `def` of the program, by index.
  case function(Int)
  case builtin(Builtin)
  case module(Module)
  /// A thread, lock, condition or semaphore, by its index in the run.
  case object(Int)
  /// What `type(x)` gives: `<class 'NAME'>`.
  case type(String)
  /// A `for` loop's place in what it walks.
  case iterator(Iterator)

  /// Python's truth of a value.
  var isTrue: Bool {
    switch self {
    case .none: return false
    case .bool(let value): return value
    case .int(let value): return value != 0
    case .float(let value): return value != 0
    case .str(let value): return !value.isEmpty
    case .tuple(let items), .list(let items): return !items.isEmpty
    default: return true
    }
  }

  /// Whether it is data a program shares (a step to read or write), not a
  /// function, module or synchronisation object it only looks up.
  /// A list or tuple made only of such things (a list of threads) is
  /// plumbing too; an empty one is data.
  var isData: Bool {
    switch self {
    case .function, .builtin, .module, .object, .type: return false
    case .list(let items), .tuple(let items): return items.isEmpty || items.contains { $0.isData }
    default: return true
    }
  }
}

/// The modules a program may import.
public enum Module: String, Hashable, Sendable, CaseIterable {
  case threading
  case time
  case thread = "_thread"
  case multiprocessing
}

/// A `for` loop's position: in a range, or in a copy of a list.
public struct Iterator: Hashable, Sendable {
  public enum Source: Hashable, Sendable {
    case range(stop: Int, step: Int)
    case items([Value])
  }
  var source: Source
  /// The next value of a range, or the next index into the items.
  var next: Int

  mutating func advance() -> Value? {
    switch source {
    case .range(let stop, let step):
      guard step > 0 ? next < stop : next > stop else { return nil }
      defer { next += step }
      return .int(next)
    case .items(let items):
      guard next < items.count else { return nil }
      defer { next += 1 }
      return items[next]
    }
  }
}

/// The functions the subset provides, built in or from its modules.
public enum Builtin: String, Hashable, Sendable, CaseIterable {
  case print, range, len, type, str, int, float, bool, abs, min, max, sum, repr, list, tuple
  case enumerate, sorted, round
  case thread = "threading.Thread"
  case lock = "threading.Lock"
  case rlock = "threading.RLock"
  case condition = "threading.Condition"
  case semaphore = "threading.Semaphore"
  case boundedSemaphore = "threading.BoundedSemaphore"
  case currentThread = "threading.current_thread"
  case getIdent = "threading.get_ident"
  case activeCount = "threading.active_count"
  case sleep = "time.sleep"
  case allocateLock = "_thread.allocate_lock"
  case startNewThread = "_thread.start_new_thread"
  case threadGetIdent = "_thread.get_ident"
  case cpuCount = "multiprocessing.cpu_count"

  /// The name a program calls it by (`print`, `threading.Thread`).
  var pythonName: String { rawValue }

  /// The builtins a bare name reaches (`print`, `len`, ...).
  static let global: [String: Builtin] = Dictionary(
    uniqueKeysWithValues: allCases.filter { !$0.rawValue.contains(".") }.map { ($0.rawValue, $0) })
}

extension Module {
  /// What `module.name` is, if the subset has it.
  func attribute(_ name: String) -> Value? {
    switch (self, name) {
    case (.threading, "Thread"): return .builtin(.thread)
    case (.threading, "Lock"): return .builtin(.lock)
    case (.threading, "RLock"): return .builtin(.rlock)
    case (.threading, "Condition"): return .builtin(.condition)
    case (.threading, "Semaphore"): return .builtin(.semaphore)
    case (.threading, "BoundedSemaphore"): return .builtin(.boundedSemaphore)
    case (.threading, "current_thread"), (.threading, "currentThread"):
      return .builtin(.currentThread)
    case (.threading, "get_ident"): return .builtin(.getIdent)
    case (.threading, "active_count"): return .builtin(.activeCount)
    case (.threading, "TIMEOUT_MAX"), (.thread, "TIMEOUT_MAX"): return .float(Self.timeoutMax)
    case (.time, "sleep"): return .builtin(.sleep)
    case (.thread, "allocate_lock"), (.thread, "allocate"): return .builtin(.allocateLock)
    case (.thread, "start_new_thread"), (.thread, "start_new"): return .builtin(.startNewThread)
    case (.thread, "get_ident"): return .builtin(.threadGetIdent)
    case (.multiprocessing, "cpu_count"): return .builtin(.cpuCount)
    default: return nil
    }
  }

  /// What the subset offers from the module, for an error that lists them.
  var offered: [String] {
    switch self {
    case .threading:
      return [
        "Thread", "Lock", "RLock", "Condition", "Semaphore", "BoundedSemaphore", "current_thread",
        "get_ident", "active_count", "TIMEOUT_MAX",
      ]
    case .time: return ["sleep"]
    case .thread: return ["allocate_lock", "start_new_thread", "get_ident", "TIMEOUT_MAX"]
    case .multiprocessing: return ["cpu_count"]
    }
  }

  /// `threading.TIMEOUT_MAX` on Linux (CPython 3.11): the largest timeout
  /// `acquire` takes, in seconds.
  static let timeoutMax = 9_223_372_036.0
}

/// `Value` by a name that does not clash where several modules meet.
public typealias ProgramValue = Value
