import Glibc
import InterleaveExport
import InterleavePlatform
import InterleaveRuntime
import InterleaveTerminal
import InterleaveText

/// Runs one scenario and prints it as it happens: the plain mode, for pipes
/// and terminals without a dashboard.
struct PlainRunner {
  var settings: Settings
  var format: OutputFormat

  /// What a finished run leaves behind.
  struct Outcome {
    var summary: RunSummary
    /// The thread order of a scheduled run.
    var order: [Int]?
    /// Why a scheduled run could not follow its schedule.
    var scheduleProblem: String?
    /// The quit signal that ended it early (SIGINT, SIGTERM, SIGHUP).
    var signal: Int32?
    /// The exit status when the --trace-out file could not be written
    /// (73 refused, 74 a failed write).
    var traceFailure: Int32?
  }

  /// Runs to the end (or to a deadlock, which ends the run) and prints the summary.
  /// - Returns: the outcome, or nil when the reader went away mid-run (the
  ///   run is then cancelled at once).
  @discardableResult
  func run(into sink: OutputSink) -> Outcome? {
    let configuration = settings.configuration
    let transcript = Transcript(configuration, language: settings.language)
    TerminalSignals.installQuit()
    var traceFailure: Int32?
    let run = Run(configuration, names: transcript.names, chooser: settings.schedule?.chooser())
    var trace = settings.traceOut.map { _ in TraceBuilder() }
    trace?.begin(
      title: "\(configuration.scenario.id) · \(configuration.threads) threads · "
        + configuration.speed.description, transcript: transcript, offset: 0)
    var events: [Event] = []
    var stopping = false
    while true {
      let finished = run.isFinished
      events.removeAll(keepingCapacity: true)
      run.queue.drain(into: &events)
      if trace != nil {
        for event in events { trace?.add(event) }
        if !run.tracedEveryStep, configuration.scenario.traits.usesBalance {
          trace?.balance(run.balance, at: run.elapsed)
        }
      }
      for event in events {
        switch format {
        case .text: if let line = transcript.line(for: event) { sink.line(line) }
        case .jsonl: sink.line(transcript.json(for: event).text)
        }
      }
      sink.flush()
      if sink.isClosed || sink.readerGone() {
        run.cancel()
        return nil
      }
      if finished { break }
      if !stopping && TerminalSignals.pendingQuit != nil {
        // Asked to quit: stop the threads (and reap any child process),
        // then say what was done so far.
        stopping = true
        run.cancel()
        continue
      }
      if !stopping && (run.deadlock != nil || run.hang != nil || run.scheduler?.failure != nil) {
        stopping = true
        run.cancel()
        continue
      }
      if events.isEmpty { run.awaitEnd(within: 1_000_000) }
    }
    run.wait()
    events.removeAll(keepingCapacity: true)
    run.queue.drain(into: &events)
    for event in events { trace?.add(event) }
    if let trace, let path = settings.traceOut {
      do {
        try TextFile.write(
          trace.document(traced: run.tracedEveryStep, speed: configuration.speed.description),
          to: path)
        if trace.leftOut > 0 { InterleaveMain.notice(TraceBuilder.cutNotice(trace, path: path)) }
      } catch {
        InterleaveMain.notice("error: --trace-out \(path): \(error)")
        traceFailure = error.exitStatus
      }
    }
    let summary = run.summary()
    // The order, when every step's is kept (a run of any length keeps at
    // most `StepScheduler.orderLimit`).
    let order = run.scheduler.flatMap { $0.orderIsComplete ? $0.order : nil }
    if let failure = run.scheduler?.failure {
      return Outcome(summary: summary, order: order, scheduleProblem: failure.description)
    }
    switch format {
    case .text:
      sink.line("")
      transcript.lines(for: summary).forEach(sink.line)
    case .jsonl:
      sink.line(transcript.json(for: summary).text)
    }
    sink.flush()
    return Outcome(
      summary: summary, order: order,
      scheduleProblem: order.flatMap { settings.schedule?.problem(after: $0) },
      signal: TerminalSignals.pendingQuit, traceFailure: traceFailure)
  }
}
