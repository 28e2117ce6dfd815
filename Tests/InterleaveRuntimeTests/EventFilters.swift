import InterleaveRuntime

/// What tests pick out of a run's events.
extension [Event] {
  /// Every lost update, in order.
  var lostUpdates: [LostUpdate] {
    compactMap { event in
      if case .lostUpdate(let lost) = event.kind { return lost }
      return nil
    }
  }

  /// How long each release said its lock was held, in order.
  var holds: [UInt64] {
    compactMap { event in
      if case .released(_, let held) = event.kind { return held }
      return nil
    }
  }
}
