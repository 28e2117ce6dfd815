import InterleaveContent
import InterleaveDashboard
import InterleavePlatform
import InterleaveRuntime
import InterleaveText

/// What a lesson sees of the session.
extension Session {
  /// What a lesson's waits and claims look at: the dashboard now.
  func observation() -> LessonObservation {
    let state = model.dashboard
    var seen = LessonObservation(
      finished: state.phase == .finished, paused: model.paused, drift: state.balance.drift,
      lostUpdates: state.balance.lostUpdates, deadlocked: state.deadlock != nil,
      lostSeen: state.story != nil, contended: state.primitives.contains { $0.contendedCalls > 0 },
      waiting: state.panes.dropFirst().contains { $0.state == .waiting },
      steps: state.panes.dropFirst().reduce(0) { $0 + $1.steps },
      screen: lastCanvas?.lines ?? [])
    seen.hung = state.hang != nil
    seen.timeouts = state.primitives.reduce(0) { $0 + $1.timeouts }
    seen.conditionWaiting = state.primitives.contains {
      $0.kind == .condition && !$0.waiters.isEmpty
    }
    seen.impossible = Session.impossibleFigure(state, screen: seen.screen)
    for figure in state.figures {
      switch figure {
      case .errors(_, let count): seen.raised = seen.raised || count > 0
      case .concurrency(_, let most, _): seen.mostInUse = most
      case .gil(_, let switches, _, _): seen.gilSwitches = switches
      case .outcomes(let counts, _, _, _):
        seen.reordered = counts.filter { !$0.predicted }.reduce(0) { $0 + $1.count }
      case .processes(let children): seen.processBalances = children.map(\.balance)
      case .buffer: break
      }
    }
    return seen
  }

  /// A figure the dashboard shows that cannot be true, described (nil:
  /// every one adds up): the identities every primitive's counts keep, and
  /// no share over 100% anywhere on screen.
  static func impossibleFigure(_ state: DashboardState, screen: [String]) -> String? {
    for lock in state.primitives {
      if lock.contended > lock.acquisitions {
        return "\(lock.name): contended \(lock.contended) of \(lock.acquisitions) acquisitions"
      }
      if lock.totalHoldNs > state.elapsedNs {
        return "\(lock.name): held \(lock.totalHoldNs) ns of a \(state.elapsedNs) ns run"
      }
    }
    return StandingClaims.shareOver100(screen)
  }
}
