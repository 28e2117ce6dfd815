/// What no frame of a lesson may show unless a claim of the run's own steps
/// says it should: a wrong final balance, a deadlock, a hang, a raised
/// error, a timed-out wait, or a figure that cannot be true. Checked on
/// every frame of every step, with no claim written for it, so a lesson
/// that ends in a red error nobody meant fails its check.
public enum StandingClaims {
  /// Something a frame shows that a lesson must have asked for.
  public enum Trouble: String, CaseIterable, Sendable {
    case wrongBalance = "a wrong final balance"
    case deadlock = "a deadlock"
    case hang = "a hang"
    case raised = "a raised error"
    case timedOut = "a timed-out acquire"
    case impossible = "an impossible figure"

    /// The claim a lesson writes to say it means this (nil: none may).
    public var claimed: String? {
      switch self {
      case .wrongBalance: return "drift != 0 (or lost-updates, or wait = \"lost-update\")"
      case .deadlock: return "deadlock"
      case .hang: return "hang"
      case .raised: return "raised"
      case .timedOut: return "timed-out"
      case .impossible: return nil
      }
    }
  }

  /// What is wrong in what is seen now, each with what was seen.
  public static func troubles(_ seen: LessonObservation) -> [(Trouble, String)] {
    var found: [(Trouble, String)] = []
    if seen.finished, let drift = seen.drift, drift != 0 {
      found.append((.wrongBalance, "finished with drift \(drift)"))
    }
    if seen.deadlocked { found.append((.deadlock, "a deadlock")) }
    if seen.hung { found.append((.hang, "a hang")) }
    if seen.raised { found.append((.raised, "an error raised")) }
    if seen.timeouts > 0 { found.append((.timedOut, "\(seen.timeouts) timeouts")) }
    if let impossible = seen.impossible { found.append((.impossible, impossible)) }
    return found
  }

  /// Whether the claims and waits of a run's steps say `trouble` is meant.
  public static func allows(_ trouble: Trouble, steps: ArraySlice<LessonStep>) -> Bool {
    let kinds = steps.flatMap { $0.expect.map(\.kind) }
    let waits = steps.map(\.wait)
    switch trouble {
    case .wrongBalance:
      return waits.contains(.lostUpdate)
        || kinds.contains {
          switch $0 {
          case .drift, .lostUpdates: return true
          default: return false
          }
        }
    case .deadlock: return waits.contains(.deadlock) || kinds.contains(.deadlock)
    case .hang:
      return kinds.contains(.hang)
        || waits.contains { if case .claim(let claim) = $0 { claim.kind == .hang } else { false } }
    case .raised:
      return kinds.contains(.raised)
        || waits.contains {
          if case .claim(let claim) = $0 { claim.kind == .raised } else { false }
        }
    case .timedOut: return kinds.contains(.timedOut)
    case .impossible: return false
    }
  }

  /// A percentage over 100 anywhere on the screen (`200%`), if any.
  public static func shareOver100(_ screen: [String]) -> String? {
    for row in screen {
      for match in row.matches(of: /([0-9]+(?:\.[0-9]+)?)%/) {
        if let value = Double(match.1), value > 100 {
          return "\(match.0) on screen: \(row.trimmingSpaces)"
        }
      }
    }
    return nil
  }
}
