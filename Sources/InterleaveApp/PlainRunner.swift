import Glibc
import InterleaveDashboard
import InterleaveRuntime

/// Runs one scenario and prints it as it happens: the plain mode, for pipes
/// and terminals without a dashboard.
public struct PlainRunner {
  public var configuration: RunConfiguration
  public var language: Language
  public var format: OutputFormat
  var schedule: Schedule?

  /// What a finished run leaves behind.
  struct Outcome {
    var summary: RunSummary
    /// The thread order of a scheduled run.
    var order: [Int]?
    /// Why a scheduled run could not follow its schedule.
    var scheduleProblem: String?
  }

  public init(configuration: RunConfiguration, language: Language, format: OutputFormat) {
    self.configuration = configuration
    self.language = language
    self.format = format
  }

  init(
    configuration: RunConfiguration, language: Language, format: OutputFormat, schedule: Schedule?
  ) {
    self.init(configuration: configuration, language: language, format: format)
    self.schedule = schedule
  }

  /// Runs to the end (or to a deadlock, which ends the run) and prints the summary.
  /// - Returns: the outcome, or nil when the reader went away mid-run.
  @discardableResult
  func run(into sink: OutputSink) -> Outcome? {
    let run = Run(configuration, chinese: language == .zh, chooser: schedule?.chooser())
    let transcript = Transcript(
      language: language, names: run.names,
      lockNames: run.locks().map(\.name))
    var events: [Event] = []
    var stopping = false
    while true {
      let finished = run.isFinished
      events.removeAll(keepingCapacity: true)
      run.queue.drain(into: &events)
      for event in events {
        switch format {
        case .text: if let line = transcript.line(for: event) { sink.line(line) }
        case .jsonl: sink.line(transcript.json(for: event).text)
        }
      }
      sink.flush()
      if sink.isClosed {
        run.cancel()
        return nil
      }
      if finished { break }
      if !stopping && (run.deadlock != nil || run.scheduler?.failure != nil) {
        stopping = true
        run.cancel()
        continue
      }
      if events.isEmpty { usleep(1_000) }
    }
    run.wait()
    let summary = run.summary()
    let order = run.scheduler?.order
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
      scheduleProblem: order.flatMap { schedule?.problem(after: $0) })
  }
}
