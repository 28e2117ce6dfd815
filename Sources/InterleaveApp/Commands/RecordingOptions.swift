import ArgumentParser
import Glibc
import InterleaveDashboard
import InterleavePlatform

/// Checks for `--record FILE` and `--size WxH`, before anything starts.
enum RecordingOptions {
  /// The smallest recording the dashboard can draw in.
  static let minimum = (width: Dashboard.minimumWidth, height: Dashboard.minimumHeight)

  static func checkPath(_ path: String, flag: String = "--record") throws {
    var info = stat()
    if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
      throw ValidationError("\(flag) \(path): is a folder, not a file")
    }
    guard TextFile.isWritable(path) else {
      throw ValidationError("\(flag) \(path): cannot write there")
    }
  }

  /// Parses `100x30`.
  static func size(_ text: String) throws -> (width: Int, height: Int) {
    let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
    guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]) else {
      throw ValidationError("--size must be WIDTHxHEIGHT, such as 100x30 (got '\(text)')")
    }
    guard (minimum.width...1000).contains(width), (minimum.height...500).contains(height) else {
      throw ValidationError(
        "--size must be at least \(minimum.width)x\(minimum.height) and at most 1000x500 (got '\(text)')"
      )
    }
    return (width, height)
  }
}
