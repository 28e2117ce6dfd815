import Foundation
import InterleaveDashboard
import InterleavePlatform
import InterleaveRuntime
import InterleaveText

// interleave-bench [--quick] [--json PATH] [--c-binary PATH] [--python PATH]
//   | --switches N | --frame WxHxT | --queue PRODUCERS [--drain-every-ms MS] | --undo STEPS
// Measures side by side in one run and prints a table (and a JSON report).

let arguments = CommandLine.arguments
let quick = arguments.contains("--quick")
func option(_ name: String) -> String? {
  guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
  return arguments[index + 1]
}

// interleave-bench --switches N: the reliability check, in a process of its own.
if let switches = option("--switches").flatMap(Int.init) {
  print(SwitchStress.run(count: switches).text)
  exit(0)
}
// interleave-bench --frame WxHxT: only the frame figure (for profiling).
if let frame = option("--frame") {
  let parts = frame.split(separator: "x").compactMap { Int($0) }
  guard parts.count == 3 else {
    FileHandle.standardError.write(
      Data("interleave-bench: --frame wants WIDTHxHEIGHTxTHREADS, got \(frame)\n".utf8))
    exit(64)
  }
  let result = FrameBenchmark.parts(
    width: parts[0], height: parts[1], threads: parts[2], frames: quick ? 200 : 5000)
  print(
    String(
      format: "frame %@: %.3f ms median (fold %.3f, render %.3f, draw %.3f)", frame,
      result.frame * 1000, result.fold * 1000, result.render * 1000, result.draw * 1000))
  exit(0)
}
// interleave-bench --queue PRODUCERS [--drain-every-ms MS]: only the event-queue
// figure (the consumer drains every 33 ms unless told; 0 spins).
if let producers = option("--queue").flatMap(Int.init) {
  let result = QueueBenchmark.run(
    producers: producers, perProducer: 2_000_000, rounds: 9,
    drainEveryMs: option("--drain-every-ms").flatMap(Int.init) ?? 33)
  print(
    String(
      format: "queue, %d producers: %.1f M/s vs %.1f M/s  %.2fx (median of %d rounds; "
        + "%d received + %d dropped = %d produced)",
      producers, result.ours / 1e6, result.mutex / 1e6, result.ours / result.mutex, result.rounds,
      result.received, result.dropped, result.produced))
  exit(result.received + result.dropped == result.produced ? 0 : 1)
}
// interleave-bench --undo STEPS: drive mode's undo of one step of a STEPS-step run.
if let steps = option("--undo").flatMap(Int.init) {
  let result = UndoBenchmark.run(steps: steps, rounds: quick ? 7 : 21)
  print(
    String(
      format: "undo one step of %d: %.1f ms (floor: fresh threads waiting at step 1, %.1f ms; "
        + "median of %d; target < 100 ms)", result.steps, result.undo, result.floor, result.rounds))
  exit(result.undo < 100 ? 0 : 1)
}
let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
let interleave = folder + "/interleave"
let runs = quick ? 7 : 21
var report: [(String, JSONValue)] = [
  ("quick", .bool(quick)), ("cores", .int(RunConfiguration.onlineCores)),
]

/// One figure: printed as a line and kept for the JSON report.
/// `met` is nil for a figure reported without a target.
@MainActor func row(
  _ figure: String, _ measured: String, _ ratio: String, _ target: String, _ met: Bool?,
  key: String, json: JSONValue
) {
  report.append((key, json))
  let mark = met.map { $0 ? "ok  " : "MISS" } ?? "info"
  print("\(mark) \(figure): \(measured)  \(ratio)  (target \(target))")
}

// 1. Full-speed locked vs C, whole process.
if let cBinary = option("--c-binary") {
  let (ours, c) = Measure.alternating(
    runs, (interleave, ["locked", "--threads", "2", "--plain"]), (cBinary, []))
  row(
    "locked 2x1,000,000 vs C pthread mutex",
    String(format: "%.1f ms vs %.1f ms", ours * 1000, c * 1000),
    String(format: "%.2fx", ours / c), "<= 1.3x", ours / c <= 1.3, key: "locked_vs_c",
    json: .object([
      ("interleave_s", .double(ours)), ("c_s", .double(c)), ("ratio", .double(ours / c)),
    ]))
  // 2. The same vs the seed's CPython program.
  if let python = option("--python"), let script = option("--python-script") {
    let py = Measure.median((0..<(quick ? 3 : 5)).map { _ in Measure.process(python, [script]) })
    row(
      "locked vs CPython (seed's program)",
      String(format: "%.0f ms vs %.0f ms", ours * 1000, py * 1000),
      String(format: "%.1fx faster", py / ours), ">= 15x", py / ours >= 15, key: "locked_vs_python",
      json: .object([
        ("interleave_s", .double(ours)), ("python_s", .double(py)), ("speedup", .double(py / ours)),
      ]))
  }
}

// 2b. Full-speed race vs the same loop in C, both with their two threads
// pinned to distinct CPUs, whole process. How long the loop takes swings
// with how the machine runs the two CPUs (on this VM the same binary takes
// 40 ms in one run and 400 ms in the next, and the final balance shows how
// much the threads really overlapped). So the runs alternate in pairs (ours
// then C, C then ours), many of them, and the figure is the median of every
// run on each side; the median of the pairs' own ratios is shown beside it.
if let raceC = option("--race-c-binary") {
  let pairs = quick ? 15 : 31
  var ours: [(seconds: Double, drift: Int)] = []
  var c: [(seconds: Double, drift: Int)] = []
  func runOurs() {
    let (time, output) = Measure.output(
      interleave,
      ["race", "--threads", "2", "--iterations", "10000000", "--plain", "--format", "jsonl"])
    ours.append((time, Measure.jsonInt(output.split(separator: "\n").last ?? "", "drift") ?? 0))
  }
  func runC() {
    let (time, output) = Measure.output(raceC, ["10000000"])
    let balance = output.split(separator: "=").last?.trimmingCharacters(in: .whitespacesAndNewlines)
    c.append((time, balance.flatMap { Int($0) } ?? 0))
  }
  for pair in 0..<pairs {
    if pair.isMultiple(of: 2) {
      runOurs()
      runC()
    } else {
      runC()
      runOurs()
    }
  }
  let (oursMedian, cMedian) = (
    Measure.median(ours.map(\.seconds)), Measure.median(c.map(\.seconds))
  )
  let pairRatio = Measure.median(zip(ours, c).map { $0.seconds / $1.seconds })
  let ratio = oursMedian / cMedian
  func overlapped(_ runs: [(seconds: Double, drift: Int)]) -> Int {
    runs.filter { abs($0.drift) >= 1_000 }.count
  }
  row(
    "race 2x10,000,000 vs C (volatile long, both pinned), all runs",
    String(
      format:
        "%.1f ms vs %.1f ms (median of %d alternated pairs; median pair ratio %.2fx; "
        + "|drift| >= 1,000 in %d and %d runs)",
      oursMedian * 1000, cMedian * 1000, pairs, pairRatio, overlapped(ours), overlapped(c)),
    String(format: "%.2fx", ratio), "<= 1.3x", ratio <= 1.3,
    key: "race_vs_c",
    json: .object([
      ("interleave_s", .double(oursMedian)), ("c_s", .double(cMedian)), ("ratio", .double(ratio)),
      ("pair_ratio", .double(pairRatio)), ("pairs", .int(pairs)),
      ("interleave_overlapped", .int(overlapped(ours))), ("c_overlapped", .int(overlapped(c))),
    ]))
}

// 2c. Start-up: the whole process for `--version`, against /bin/true.
let (startup, floor) = Measure.alternating(
  max(21, runs), (interleave, ["--version"]), ("/bin/true", []))
row(
  "start-up (interleave --version) vs /bin/true",
  String(format: "%.1f ms vs %.1f ms", startup * 1000, floor * 1000), "", "< 10 ms",
  startup < 0.010, key: "startup",
  json: .object([("interleave_s", .double(startup)), ("true_s", .double(floor))]))

// 3. Full-speed race with step points vs the same binary built with them compiled out.
// At 1,000,000 iterations process start-up is over half of the time; at
// 10,000,000 the loops themselves decide the ratio.
if let bare = option("--no-step-points-binary") {
  for (iterations, label, suffix) in [
    (1_000_000, "1,000,000", ""), (10_000_000, "10,000,000", "_10m"),
  ] {
    let arguments = ["race", "--threads", "2", "--iterations", "\(iterations)", "--plain"]
    let (stepped, without) = Measure.alternating(
      iterations > 1_000_000 ? max(5, runs / 3) : runs, (interleave, arguments), (bare, arguments))
    row(
      "race 2x\(label) with step points vs compiled out",
      String(format: "%.1f ms vs %.1f ms", stepped * 1000, without * 1000),
      String(format: "%.2fx", stepped / without), "<= 1.1x", stepped / without <= 1.1,
      key: "race_overhead" + suffix,
      json: .object([
        ("iterations", .int(iterations)), ("stepped_s", .double(stepped)),
        ("compiled_out_s", .double(without)), ("ratio", .double(stepped / without)),
      ]))
  }
}

// 4. Event queue vs a mutex-guarded array: the consumer drains once a frame
// as the dashboard does (the target), and, as a stress figure, all the time.
for (drainEveryMs, label) in [
  (33, "consumer every 33 ms, as the dashboard"), (0, "consumer spinning"),
] {
  for producers in [2, 4] {
    let result = QueueBenchmark.run(
      producers: producers, perProducer: quick ? 500_000 : 2_000_000, rounds: quick ? 5 : 9,
      drainEveryMs: drainEveryMs)
    let exact = result.received + result.dropped == result.produced
    let ratio = result.ours / result.mutex
    row(
      "event queue, \(producers) producers, \(label), vs mutex array",
      String(
        format: "%.1f M/s vs %.1f M/s, median of %d (%d received + %d dropped = %d, %@)",
        result.ours / 1e6, result.mutex / 1e6, result.rounds, result.received, result.dropped,
        result.produced, exact ? "exact" : "WRONG"),
      String(format: "%.2fx", ratio), drainEveryMs > 0 ? ">= 3x" : "none: stress",
      drainEveryMs > 0 ? exact && ratio >= 3 : (exact ? nil : false),
      key: drainEveryMs > 0 ? "queue_\(producers)" : "queue_\(producers)_spinning",
      json: .object([
        ("drain_every_ms", .int(drainEveryMs)),
        ("events_per_s", .double(result.ours)), ("mutex_events_per_s", .double(result.mutex)),
        ("rounds", .int(result.rounds)), ("produced", .int(result.produced)),
        ("received", .int(result.received)), ("dropped", .int(result.dropped)),
      ]))
  }
}

// 5. One frame.
for (width, height, threads, target) in [(120, 40, 16, 0.001), (200, 60, 64, 0.003)] {
  let median = FrameBenchmark.run(
    width: width, height: height, threads: threads, frames: quick ? 200 : 1000)
  row(
    "frame \(width)x\(height), \(threads) threads (reduce + render + flush)",
    String(format: "%.3f ms median", median * 1000), "",
    String(format: "<= %.0f ms", target * 1000),
    median <= target, key: "frame_\(width)x\(height)",
    json: .object([("median_s", .double(median))]))
}

// 6. Recording size of the race lesson, per minute.
let cast = NSTemporaryDirectory() + "bench-\(getpid()).cast"
let lessonTime = Measure.process(
  interleave, ["lesson", "race", "--headless", "--record", cast, "--size", "100x30"])
let size = (try? FileManager.default.attributesOfItem(atPath: cast)[.size] as? Int) ?? 0
try? FileManager.default.removeItem(atPath: cast)
let perMinute = Double(size) / lessonTime * 60
row(
  "asciicast of the race lesson, per minute",
  String(format: "%.0f KiB/min (%d bytes in %.1f s)", perMinute / 1024, size, lessonTime),
  "", "<= 1 MiB", perMinute <= 1_048_576, key: "cast_per_minute",
  json: .object([
    ("bytes", .int(size)), ("seconds", .double(lessonTime)),
    ("bytes_per_minute", .double(perMinute)),
  ]))

if let path = option("--json") {
  try? (JSONValue.object(report).text + "\n").write(toFile: path, atomically: true, encoding: .utf8)
}
