import Glibc
import InterleaveContent
import InterleaveDashboard
import InterleavePlatform
import InterleaveRuntime
import InterleaveTerminal
import InterleaveText

/// One frame as the UI thread does it: fold events and a counter sample into
/// the state, render the canvas, copy the changed cells to ncurses and flush
/// to a pseudo-terminal.
enum FrameBenchmark {
  /// Median seconds per frame, and of its parts: folding, rendering, drawing.
  static func run(width: Int, height: Int, threads: Int, frames: Int) -> Double {
    parts(width: width, height: height, threads: threads, frames: frames).frame
  }

  /// Median seconds per frame and per part of it.
  static func parts(width: Int, height: Int, threads: Int, frames: Int) -> (
    frame: Double, fold: Double, render: Double, draw: Double
  ) {
    let path = "/dev/null"
    guard
      let cast = try? CastWriter(
        path: path, width: width, height: height, title: "bench", environment: [:]),
      let recorder = try? Recorder(cast: cast, width: width, height: height, headless: true),
      let terminal = try? NcursesScreen(
        theme: ThemeCatalog.defaultTheme, environment: ["TERM": "xterm-256color"],
        device: recorder.screenDescriptor)
    else { return (.nan, .nan, .nan, .nan) }
    defer {
      terminal.stop()
      recorder.stop()
    }
    let configuration = RunConfiguration(scenario: .race, threads: threads, speed: .fast)
    var state = DashboardState(configuration: configuration, cores: 2, language: .en)
    let names = state.names
    var times: [Double] = []
    var (folds, renders, draws): ([Double], [Double], [Double]) = ([], [], [])
    var iterations = Array(repeating: 0, count: threads + 1)
    for frame in 0..<frames {
      let start = MonotonicClock.now()
      for index in 0..<100 {
        let thread = 1 + (frame * 7 + index) % threads
        let kind: EventKind =
          index % 9 == 0
          ? .lostUpdate(
            LostUpdate(
              victim: 1 + (thread % threads), readValue: index, overwritten: index + 5,
              written: index + 8))
          : index % 2 == 0 ? .read(value: frame + index) : .write(value: frame - index)
        state.apply(Event(time: UInt64(frame * 1000 + index), thread: thread, kind: kind))
      }
      for thread in 1...threads { iterations[thread] += thread }
      let snapshots =
        [WorkerSnapshot(index: 0, name: names[0], state: .waiting, tid: 1)]
        + (1...threads).map {
          WorkerSnapshot(
            index: $0, name: names[$0], state: .running, steps: 4 * iterations[$0],
            iterations: iterations[$0], lostUpdates: frame / 3, tid: Int32(1000 + $0), cpu: $0 % 2)
        }
      state.apply(
        Sample(
          elapsedNs: UInt64(frame) * 33_000_000, threads: snapshots, balance: frame % 50 - 25,
          speed: .fast, lostUpdates: frame / 3))
      let folded = MonotonicClock.now()
      let canvas = Dashboard.render(state, width: width, height: height)
      let rendered = MonotonicClock.now()
      terminal.draw(canvas)
      let end = MonotonicClock.now()
      times.append(Double(end - start) / 1e9)
      folds.append(Double(folded - start) / 1e9)
      renders.append(Double(rendered - folded) / 1e9)
      draws.append(Double(end - rendered) / 1e9)
    }
    return (
      Measure.median(times), Measure.median(folds), Measure.median(renders), Measure.median(draws)
    )
  }
}
