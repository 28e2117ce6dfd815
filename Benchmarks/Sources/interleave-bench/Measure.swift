import Foundation
import InterleavePlatform
import InterleaveRuntime
import InterleaveText

/// Timing helpers: medians of repeated runs.
enum Measure {
  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
  }

  /// Median wall times of two whole processes, run in turn (A, B, A, B, ...)
  /// so that a shared machine's slow spells fall on both alike.
  static func alternating(
    _ runs: Int, _ a: (String, [String]), _ b: (String, [String])
  ) -> (a: Double, b: Double) {
    var first: [Double] = []
    var second: [Double] = []
    for _ in 0..<runs {
      first.append(process(a.0, a.1))
      second.append(process(b.0, b.1))
    }
    return (median(first), median(second))
  }

  /// Wall time of `body`, in seconds.
  static func seconds(_ body: () -> Void) -> Double {
    let start = MonotonicClock.now()
    body()
    return Double(MonotonicClock.now() - start) / 1e9
  }

  /// Wall time of a whole process, in seconds (output discarded): spawned
  /// and reaped directly, so no run loop adds latency.
  static func process(_ path: String, _ arguments: [String]) -> Double {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] {
      posix_spawn_file_actions_addopen(
        &actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
    }
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let start = MonotonicClock.now()
    guard posix_spawnp(&pid, path, &actions, nil, argv, environ) == 0 else { return .nan }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    return Double(MonotonicClock.now() - start) / 1e9
  }

  /// Wall time of a whole process and what it printed.
  static func output(_ path: String, _ arguments: [String]) -> (Double, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    let start = MonotonicClock.now()
    guard (try? process.run()) != nil else { return (.nan, "") }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (Double(MonotonicClock.now() - start) / 1e9, String(decoding: data, as: UTF8.self))
  }

  /// An integer field of a one-line JSON object (`"name":123`), if present.
  static func jsonInt(_ line: Substring, _ name: String) -> Int? {
    let key = "\"\(name)\":"
    guard let field = line.split(separator: ",").first(where: { $0.hasPrefix(key) }) else {
      return nil
    }
    return Int(field.dropFirst(key.count).prefix { $0 == "-" || $0.isNumber })
  }
}
