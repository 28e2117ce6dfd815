import InterleaveRuntime

/// What a lesson step says must be true while its caption is up, checked
/// when the step's wait ends (`expect = ["drift != 0", ...]`).
public struct LessonClaim: Equatable, Sendable {
  /// A comparison with a number.
  public enum Comparison: String, Sendable, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case atLeast = ">="
    case atMost = "<="
    case more = ">"
    case less = "<"

    func holds(_ value: Int, _ bound: Int) -> Bool {
      switch self {
      case .equal: return value == bound
      case .notEqual: return value != bound
      case .atLeast: return value >= bound
      case .atMost: return value <= bound
      case .more: return value > bound
      case .less: return value < bound
      }
    }
  }

  public enum Kind: Equatable, Sendable {
    /// `drift != 0`: the final balance minus the expected one.
    case drift(Comparison, Int)
    /// `lost-updates >= 1`: lost updates counted in this run.
    case lostUpdates(Comparison, Int)
    /// `balance == expected`.
    case balanceIsExpected
    /// `deadlock`: a wait-for cycle was found.
    case deadlock
    /// `contended`: some acquisition of a primitive had to wait.
    case contended
    /// `waiting`: some thread waits on a primitive right now.
    case waiting
    /// `finished`: the run has ended by itself.
    case finished
    /// `paused`: the run is paused.
    case paused
    /// `visible: text`: the text is on screen.
    case visible(String)
    /// `raised`: a thread raised a Python error (IndexError, ValueError).
    case raised
    /// `hang`: every thread waits and none can wake another.
    case hang
    /// `reordered > 0`: trials whose outcome no interleaving explains.
    case reordered(Comparison, Int)
    /// `most-in-use <= 2`: the most threads inside the semaphore at once.
    case mostInUse(Comparison, Int)
    /// `gil-switches > 0`: times the GIL changed hands.
    case gilSwitches(Comparison, Int)
    /// `process-balances == 0`: every child process's own balance is 0.
    case processBalancesZero
    /// `timed-out`: some `acquire(timeout=…)` gave up.
    case timedOut
    /// `cond-waiting`: some thread waits in `cond.wait()` right now (not
    /// for the lock).
    case conditionWaiting
    /// `global balance != 0`: a program's global (an int) compared.
    case global(String, Comparison, Int)
  }

  public var kind: Kind
  /// As written in the file.
  public var text: String
  public var line: Int
  public var column: Int

  public init(kind: Kind, text: String, line: Int = 0, column: Int = 0) {
    self.kind = kind
    self.text = text
    self.line = line
    self.column = column
  }

  /// Every claim a lesson may make, for messages.
  public static let forms = [
    "drift OP N", "lost-updates OP N", "balance == expected", "deadlock", "contended", "waiting",
    "finished", "paused", "visible: TEXT (or TEXT | TEXT)", "raised", "hang", "reordered OP N",
    "most-in-use OP N", "gil-switches OP N", "process-balances == 0", "timed-out", "cond-waiting",
    "global NAME OP N (a program lesson's)",
  ]

  /// The claims a program lesson may make.
  public var suitsPrograms: Bool {
    switch kind {
    case .visible, .finished, .deadlock, .global: return true
    default: return false
    }
  }

  /// Parses one claim; nil when it is none of `forms`.
  public init?(parsing text: String) {
    let trimmed = text.trimmingSpaces
    self.text = trimmed
    line = 0
    column = 0
    if trimmed.hasPrefix("visible:") {
      let rest = String(trimmed.dropFirst("visible:".count)).trimmingSpaces
      guard !rest.isEmpty else { return nil }
      kind = .visible(rest)
      return
    }
    switch trimmed {
    case "balance == expected": kind = .balanceIsExpected
    case "deadlock": kind = .deadlock
    case "contended": kind = .contended
    case "waiting": kind = .waiting
    case "finished": kind = .finished
    case "paused": kind = .paused
    case "raised": kind = .raised
    case "hang": kind = .hang
    case "timed-out": kind = .timedOut
    case "cond-waiting": kind = .conditionWaiting
    case "process-balances == 0": kind = .processBalancesZero
    default:
      let parts = trimmed.split(separator: " ", omittingEmptySubsequences: true)
      if parts.count == 4, parts[0] == "global",
        let comparison = Comparison(rawValue: String(parts[2])),
        let bound = Int(parts[3])
      {
        kind = .global(String(parts[1]), comparison, bound)
        return
      }
      guard parts.count == 3, let comparison = Comparison(rawValue: String(parts[1])),
        let bound = Int(parts[2])
      else { return nil }
      switch parts[0] {
      case "drift": kind = .drift(comparison, bound)
      case "lost-updates": kind = .lostUpdates(comparison, bound)
      case "reordered": kind = .reordered(comparison, bound)
      case "most-in-use": kind = .mostInUse(comparison, bound)
      case "gil-switches": kind = .gilSwitches(comparison, bound)
      default: return nil
      }
    }
  }

  /// Why this claim can never hold in `scenario`, if it cannot.
  public func impossible(in scenario: Scenario) -> String? {
    let traits = scenario.traits
    switch kind {
    case .drift, .balanceIsExpected:
      return traits.usesBalance ? nil : "\(scenario.id) has no balance"
    case .lostUpdates:
      return traits.tracksLostUpdates ? nil : "\(scenario.id) does not count lost updates"
    case .deadlock, .contended, .waiting:
      return scenario.primitives(RunConfiguration(scenario: scenario, threads: 2)).isEmpty
        ? "\(scenario.id) has no lock to wait for" : nil
    case .finished, .paused, .visible: return nil
    case .raised:
      return [Scenario.condition, .semaphore].contains(scenario)
        ? nil : "\(scenario.id) raises no error"
    case .hang:
      return scenario == .condition ? nil : "\(scenario.id) cannot hang"
    case .reordered:
      return scenario == .reorder ? nil : "\(scenario.id) runs no reordering trials"
    case .mostInUse:
      return scenario == .semaphore ? nil : "\(scenario.id) has no semaphore"
    case .gilSwitches:
      return scenario == .gil ? nil : "\(scenario.id) has no GIL"
    case .processBalancesZero:
      return traits.workersAreProcesses ? nil : "\(scenario.id) runs no processes"
    case .timedOut:
      return scenario == .coarse ? nil : "\(scenario.id) has no acquire(timeout=…)"
    case .conditionWaiting:
      return scenario == .condition ? nil : "\(scenario.id) has no condition"
    case .global:
      return "a global is a program's (a lesson whose steps name a program), not \(scenario.id)'s"
    }
  }

  /// Whether the claim holds for what the dashboard shows now, and what
  /// was seen instead when it does not.
  public func check(_ seen: LessonObservation) -> (holds: Bool, seen: String) {
    switch kind {
    case .drift(let comparison, let bound):
      guard let drift = seen.drift else { return (false, "no balance") }
      return (comparison.holds(drift, bound), "drift \(drift)")
    case .lostUpdates(let comparison, let bound):
      guard let lost = seen.lostUpdates else {
        return (false, "lost updates not counted (full speed)")
      }
      return (comparison.holds(lost, bound), "\(lost) lost updates")
    case .balanceIsExpected:
      guard let drift = seen.drift else { return (false, "no balance") }
      return (drift == 0, "drift \(drift)")
    case .deadlock: return (seen.deadlocked, seen.deadlocked ? "a deadlock" : "no deadlock")
    case .contended: return (seen.contended, seen.contended ? "contention" : "no contention")
    case .waiting: return (seen.waiting, seen.waiting ? "a waiter" : "nobody waiting")
    case .finished: return (seen.finished, seen.finished ? "finished" : "still running")
    case .paused: return (seen.paused, seen.paused ? "paused" : "not paused")
    case .visible(let text):
      // `A | B`: any of them (a text in each language).
      let texts = text.split(separator: "|").map { $0.trimmingSpaces }
      let found = seen.screen.contains { row in texts.contains { row.contains($0) } }
      return (found, found ? "on screen" : "not on screen")
    case .raised: return (seen.raised, seen.raised ? "an error raised" : "no error")
    case .hang: return (seen.hung, seen.hung ? "a hang" : "no hang")
    case .reordered(let comparison, let bound):
      guard let count = seen.reordered else { return (false, "no trials") }
      return (comparison.holds(count, bound), "\(count) reordered")
    case .mostInUse(let comparison, let bound):
      guard let most = seen.mostInUse else { return (false, "no pool") }
      return (comparison.holds(most, bound), "\(most) in use at most")
    case .gilSwitches(let comparison, let bound):
      guard let switches = seen.gilSwitches else { return (false, "no GIL") }
      return (comparison.holds(switches, bound), "\(switches) switches")
    case .processBalancesZero:
      guard let balances = seen.processBalances, !balances.isEmpty else {
        return (false, "no process")
      }
      let wrong = balances.filter { $0 != 0 }
      return (wrong.isEmpty, wrong.isEmpty ? "every process 0" : "balances \(balances)")
    case .timedOut:
      return (seen.timeouts > 0, seen.timeouts > 0 ? "\(seen.timeouts) timeouts" : "no timeout")
    case .conditionWaiting:
      return (
        seen.conditionWaiting,
        seen.conditionWaiting ? "a thread in cond.wait()" : "nobody in cond.wait()"
      )
    case .global(let name, let comparison, let bound):
      guard let value = seen.globals[name] else { return (false, "no int global '\(name)'") }
      return (comparison.holds(value, bound), "\(name) = \(value)")
    }
  }
}

/// What a lesson's claims are checked against: the dashboard at one moment.
public struct LessonObservation: Sendable, Equatable {
  public var finished: Bool
  public var paused: Bool
  /// Final (or current) balance minus the expected one.
  public var drift: Int?
  /// Lost updates counted; nil when not counted.
  public var lostUpdates: Int?
  public var deadlocked: Bool
  /// A lost update has been seen in this run's events.
  public var lostSeen: Bool
  public var contended: Bool
  public var waiting: Bool
  /// Steps the workers took, all together.
  public var steps: Int
  /// The screen's rows.
  public var screen: [String]
  /// A thread raised a Python error.
  public var raised = false
  /// Every thread waits and none can wake another.
  public var hung = false
  /// Trials with an outcome no interleaving explains (reorder).
  public var reordered: Int?
  /// The most threads inside the semaphore at once.
  public var mostInUse: Int?
  /// Times the GIL changed hands.
  public var gilSwitches: Int?
  /// A challenge step's challenge is won, or skipped.
  public var challengeDone = false
  /// Each child process's own final balance.
  public var processBalances: [Int]?
  /// `acquire(timeout=…)` calls that gave up.
  public var timeouts = 0
  /// Some thread waits in `cond.wait()` now.
  public var conditionWaiting = false
  /// A figure on screen that cannot be true (a share over 100%, more
  /// contended acquisitions than acquisitions), described; nil when none.
  public var impossible: String?
  /// A program's int globals by name (a program lesson's).
  public var globals: [String: Int] = [:]

  public init(
    finished: Bool = false, paused: Bool = false, drift: Int? = nil, lostUpdates: Int? = nil,
    deadlocked: Bool = false, lostSeen: Bool = false, contended: Bool = false,
    waiting: Bool = false, steps: Int = 0, screen: [String] = []
  ) {
    self.lostSeen = lostSeen
    self.finished = finished
    self.paused = paused
    self.drift = drift
    self.lostUpdates = lostUpdates
    self.deadlocked = deadlocked
    self.contended = contended
    self.waiting = waiting
    self.steps = steps
    self.screen = screen
  }
}

extension StringProtocol {
  /// The text without leading and trailing spaces and tabs.
  var trimmingSpaces: String {
    String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
  }
}
