import InterleaveContent
import InterleaveDashboard
import InterleaveExport
import InterleavePlatform
import InterleaveRuntime
import InterleaveText

/// `--trace-out`: every run of the session in one Trace Event file.
extension Session {
  func beginTrace() {
    guard trace != nil else { return }
    let now = MonotonicClock.now()
    let origin = traceOrigin ?? now
    traceOrigin = origin
    let configuration = model.settings.configuration
    trace?.begin(
      title: "\(runs). \(configuration.scenario.id) · \(configuration.threads) threads · "
        + configuration.speed.description,
      transcript: model.dashboard.transcript, offset: now - origin)
  }

  /// Writes the trace file, once the last run has ended.
  /// - Returns: what went wrong, if the file could not be written.
  func writeTrace() -> (message: String, status: Int32)? {
    guard let trace, let path = model.settings.traceOut else { return nil }
    do {
      try TextFile.write(
        trace.document(
          traced: tracedEveryStep, speed: model.settings.configuration.speed.description),
        to: path)
      if trace.leftOut > 0 { InterleaveMain.notice(TraceBuilder.cutNotice(trace, path: path)) }
      return nil
    } catch {
      return ("\(path): \(error)", error.exitStatus)
    }
  }
}
