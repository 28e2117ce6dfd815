import InterleavePlatform
import InterleaveRuntime
import InterleaveText

/// A run as a Trace Event Format file, for Perfetto and chrome://tracing:
/// a track per thread named as on screen, slices for lock holds, waits,
/// sleeps and each read and write, instant events for lost updates with a
/// flow arrow from the overwritten write to the one that overwrote it, and a
/// counter for the balance.
///
/// Times are microseconds (the format's unit) with nanosecond decimals.
public struct TraceBuilder: Sendable {
  /// Each run is a process of its own in the trace (a dashboard session can
  /// hold several), its times offset from the first run's start.
  private var pid = 0
  private var offset: UInt64 = 0
  private var transcript: Transcript?
  /// Each event's JSON text: a run of any length keeps at most
  /// `byteLimit` of them, then counts what it leaves out.
  private var events: [String] = []
  private var bytes = 0
  /// Events left out once the trace reached `byteLimit`.
  public private(set) var leftOut = 0
  /// The most event text a trace holds (a paced run fills it in hours, a
  /// seeded one in under a minute).
  public static let byteLimit = 64 << 20
  /// This trace's limit.
  public let limit: Int
  /// Each thread's last write of the balance: where a flow arrow starts.
  private var lastWrite: [Int: UInt64] = [:]
  private var flows = 0
  private var balanceSamples = 0

  public init(byteLimit: Int = TraceBuilder.byteLimit) { limit = byteLimit }

  /// Starts the tracks of a new run, `offset` ns after the first one began.
  public mutating func begin(title: String, transcript: Transcript, offset: UInt64) {
    pid += 1
    self.offset = offset
    self.transcript = transcript
    lastWrite = [:]
    append(metadata("process_name", thread: 0, name: title))
    append(
      .object([
        ("ph", "M"), ("name", "process_sort_index"), ("ts", .int(0)), ("pid", .int(pid)),
        ("tid", .int(0)), ("args", .object([("sort_index", .int(pid))])),
      ]))
    for (thread, name) in transcript.names.enumerated() {
      append(metadata("thread_name", thread: thread, name: name))
      append(
        .object([
          ("ph", "M"), ("name", "thread_sort_index"), ("ts", .int(0)), ("pid", .int(pid)),
          ("tid", .int(thread)), ("args", .object([("sort_index", .int(thread))])),
        ]))
    }
  }

  /// Keeps `event`, or counts it left out once the trace is full.
  private mutating func append(_ event: JSONValue) {
    guard bytes < limit else {
      leftOut += 1
      return
    }
    let text = event.text
    bytes += text.utf8.count + 2
    events.append(text)
  }

  /// What stderr says of a trace that was cut.
  public static func cutNotice(_ trace: TraceBuilder, path: String) -> String {
    "--trace-out \(path): cut at \(TextFile.size(trace.limit)): the first \(trace.count) events "
      + "kept, \(trace.leftOut) left out (the file says so too)"
  }

  /// The events the trace holds.
  public var count: Int { events.count }

  /// Lost updates turned into flow arrows so far.
  public var flowCount: Int { flows }

  private func metadata(_ kind: String, thread: Int, name: String) -> JSONValue {
    .object([
      ("ph", "M"), ("name", .string(kind)), ("ts", .int(0)), ("pid", .int(pid)),
      ("tid", .int(thread)), ("args", .object([("name", .string(name))])),
    ])
  }

  func micros(_ ns: UInt64) -> JSONValue { .double(Double(ns &+ offset) / 1000) }

  private mutating func slice(
    _ name: String, thread: Int, start: UInt64, duration: UInt64, category: String,
    args: [(String, JSONValue)] = []
  ) {
    var pairs: [(String, JSONValue)] = [
      ("ph", "X"), ("name", .string(name)), ("cat", .string(category)),
      ("ts", micros(start)), ("dur", micros(duration)), ("pid", .int(pid)),
      ("tid", .int(thread)),
    ]
    if !args.isEmpty { pairs.append(("args", .object(args))) }
    append(.object(pairs))
  }

  /// The balance's counter track at `time`.
  public mutating func balance(_ value: Int, at time: UInt64) {
    balanceSamples += 1
    append(
      .object([
        ("ph", "C"), ("name", "balance"), ("ts", micros(time)), ("pid", .int(pid)),
        ("tid", .int(0)), ("args", .object([("balance", .int(value))])),
      ]))
  }

  /// Adds what `event` shows.
  public mutating func add(_ event: Event) {
    guard let transcript else { return }
    let time = event.time
    let thread = event.thread
    let step: UInt64 = 1_000
    switch event.kind {
    case .read(let value):
      slice(
        "read balance = \(value)", thread: thread, start: time, duration: step, category: "step")
    case .write(let value):
      slice(
        "write balance = \(value)", thread: thread, start: time, duration: step, category: "step")
      lastWrite[thread] = time
      balance(value, at: time)
    case .atomicAdd(let amount, let result):
      slice("atomic add \(amount)", thread: thread, start: time, duration: step, category: "step")
      balance(result, at: time)
    case .lostUpdate(let lost):
      append(
        .object([
          ("ph", "i"), ("s", "t"), ("name", "lost update"), ("cat", "lost"),
          ("ts", micros(time)), ("pid", .int(pid)), ("tid", .int(thread)),
          (
            "args",
            .object([
              ("victim", .string(transcript.name(lost.victim))), ("read", .int(lost.readValue)),
              ("overwritten", .int(lost.overwritten)), ("written", .int(lost.written)),
              ("lost", .int(lost.amount)),
            ])
          ),
        ]))
      if let from = lastWrite[lost.victim] {
        flows += 1
        // The arrow: from the victim's write (its slice) to this write.
        append(flow("s", id: flows, thread: lost.victim, at: from))
        append(flow("f", id: flows, thread: thread, at: time))
      }
    case .acquired(let id, let waited):
      if waited > 0 {
        slice(
          "wait \(transcript.primitive(id).name)", thread: thread, start: time &- waited,
          duration: waited, category: "wait")
      }
    case .timedOut(let id, let waited):
      slice(
        "wait \(transcript.primitive(id).name) (timed out)", thread: thread,
        start: time &- waited, duration: waited, category: "wait")
    case .released(let id, let held):
      slice(
        "hold \(transcript.primitive(id).name)", thread: thread, start: time &- held,
        duration: held, category: "lock")
    case .sleep(let duration, _):
      slice("sleep", thread: thread, start: time, duration: duration, category: "sleep")
    default:
      if let line = transcript.line(for: event) {
        append(
          .object([
            ("ph", "i"), ("s", "t"), ("name", .string(line)), ("cat", "event"),
            ("ts", micros(time)), ("pid", .int(pid)), ("tid", .int(thread)),
          ]))
      }
    }
  }

  private func flow(_ phase: String, id: Int, thread: Int, at time: UInt64) -> JSONValue {
    var pairs: [(String, JSONValue)] = [
      ("ph", .string(phase)), ("id", .int(id)), ("name", "lost update"), ("cat", "lost"),
      ("ts", micros(time)), ("pid", .int(pid)), ("tid", .int(thread)),
    ]
    // The arrow ends on the slice that encloses its time (the overwriting write).
    if phase == "f" { pairs.append(("bp", "e")) }
    return .object(pairs)
  }

  /// The whole file. `traced` says whether every step was traced (paced
  /// runs) or only sampled (full speed).
  public func document(traced: Bool, speed: String) -> String {
    let note =
      traced
      ? "every step traced"
      : "full speed: steps not traced; the balance sampled about every millisecond"
    var other: [(String, JSONValue)] = [
      ("generator", "interleave"), ("speed", .string(speed)), ("traced", .bool(traced)),
      ("note", .string(note)),
    ]
    if leftOut > 0 {
      other.append(("cut", .bool(true)))
      other.append(
        (
          "cut_note",
          .string(
            "the trace holds the first \(events.count) events (\(TextFile.size(limit))); "
              + "\(leftOut) more were left out")
        ))
      other.append(("left_out_events", .int(leftOut)))
    }
    return "{\"traceEvents\":[\n" + events.joined(separator: ",\n")
      + "\n],\"displayTimeUnit\":\"ns\",\"otherData\":" + JSONValue.object(other).text + "}\n"
  }
}
