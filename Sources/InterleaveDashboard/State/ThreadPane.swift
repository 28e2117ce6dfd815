import DequeModule
import InterleaveRuntime

/// One thread's pane.
public struct ThreadPane: Equatable, Sendable {
  public static let historyLength = 48
  /// Event lines kept per pane: what a focused pane can scroll back through.
  public static let recentLength = 200
  /// The span the iteration rate is measured over.
  static let rateWindow: UInt64 = 4_000_000_000

  public var index: Int
  public var name: String
  public var tid: Int32 = 0
  public var cpu: Int = -1
  public var state: ThreadState = .created
  public var waitingFor: Int = -1
  public var iterations = 0
  public var steps = 0
  /// Updates of others this thread's writes wiped out.
  public var lostUpdates = 0
  /// Lost updates this thread suffered (its write was overwritten).
  public var overwritten = 0
  /// Iterations per second, over the last few seconds.
  public var rate: Double = 0
  public var rateHistory: Deque<Double> = []
  /// Share of one core this thread used recently (from /proc), if known.
  public var cpuPercent: Double?
  /// A line that stays above the scrolling events: what the thread printed
  /// about its lock (`(Locked: True) Thread is ...`).
  public var note: PaneLine?
  /// The tail of its recent events, oldest first.
  public var recent: Deque<PaneLine> = []
  /// Whether the thread has ended (its rate's history then stops).
  public var ended = false
  /// The Python error it raised (and so ended), if it did.
  public var raised: ModelError?
  /// (time, iterations) samples of the last `rateWindow`.
  var rateSamples: Deque<RateSample> = []
  var sampleSteps = 0
  var lastHistoryTime: UInt64 = 0

  public init(index: Int, name: String) {
    self.index = index
    self.name = name
  }

  /// Adds `line` last, or, given a `marker` line the pane holds, just
  /// above it: a traced step that reaches the pane after the run was let
  /// go at full speed still goes above "steps no longer listed".
  mutating func add(_ line: PaneLine, above marker: String? = nil) {
    if let marker, let at = recent.lastIndex(where: { $0.text == marker }) {
      recent.insert(line, at: at)
    } else {
      recent.append(line)
    }
    if recent.count > ThreadPane.recentLength { recent.removeFirst() }
  }

  /// Takes a new iteration count at `time`: the rate is measured over the
  /// last few seconds, so a slow thread reads `<1/s`, not 0.
  mutating func measure(iterations count: Int, at time: UInt64, final: Bool) {
    rateSamples.append(RateSample(time: time, iterations: count))
    while let first = rateSamples.first, time &- first.time > ThreadPane.rateWindow,
      rateSamples.count > 2
    {
      rateSamples.removeFirst()
    }
    if let first = rateSamples.first, time > first.time {
      rate = Double(count - first.iterations) / (Double(time - first.time) / 1e9)
    }
    if time &- lastHistoryTime >= 250_000_000 || final {
      rateHistory.append(rate)
      if rateHistory.count > ThreadPane.historyLength { rateHistory.removeFirst() }
      lastHistoryTime = time
    }
  }
}

/// An iteration count at a moment, for the rate.
struct RateSample: Equatable, Sendable {
  var time: UInt64
  var iterations: Int
}

/// One line in a pane's event tail.
public struct PaneLine: Equatable, Sendable {
  public var text: String
  public var role: Role

  public init(_ text: String, _ role: Role = .text) {
    self.text = text
    self.role = role
  }
}
