import Foundation
import InterleaveRuntime

/// Timing helpers: medians of repeated runs.
enum Measure {
  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
  }

  /// Wall time of `body`, in seconds.
  static func seconds(_ body: () -> Void) -> Double {
    let start = MonotonicClock.now()
    body()
    return Double(MonotonicClock.now() - start) / 1e9
  }

  /// Wall time of a whole process, in seconds (output discarded).
  static func process(_ path: String, _ arguments: [String]) -> Double {
    let process = Process()
    // Through env, so a bare name like python3 is found on PATH.
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [path] + arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    let start = MonotonicClock.now()
    guard (try? process.run()) != nil else { return .nan }
    process.waitUntilExit()
    return Double(MonotonicClock.now() - start) / 1e9
  }
}
