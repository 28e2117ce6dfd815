import Glibc
import InterleaveDashboard
import InterleaveRuntime

/// Runs one scenario and prints it as it happens: the plain mode, for pipes
/// and terminals without a dashboard.
public struct PlainRunner {
  public var configuration: RunConfiguration
  public var language: Language
  public var format: OutputFormat

  public init(configuration: RunConfiguration, language: Language, format: OutputFormat) {
    self.configuration = configuration
    self.language = language
    self.format = format
  }

  /// Runs to the end (or to a deadlock, which ends the run) and prints the summary.
  /// - Returns: the summary, or nil when the reader went away mid-run.
  @discardableResult
  public func run(into sink: OutputSink) -> RunSummary? {
    let run = Run(configuration, chinese: language == .zh)
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
      if !stopping && run.deadlock != nil {
        stopping = true
        run.cancel()
        continue
      }
      if events.isEmpty { usleep(1_000) }
    }
    let summary = run.summary()
    switch format {
    case .text:
      sink.line("")
      transcript.lines(for: summary).forEach(sink.line)
    case .jsonl:
      sink.line(transcript.json(for: summary).text)
    }
    sink.flush()
    return summary
  }
}
