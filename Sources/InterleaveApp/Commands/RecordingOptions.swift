import ArgumentParser
import Glibc
import InterleaveDashboard
import InterleavePlatform

/// Checks for `--record FILE` and `--size WxH`, before anything starts.
enum RecordingOptions {
  /// The smallest recording the dashboard can draw in.
  static let minimum = (width: Dashboard.minimumWidth, height: Dashboard.minimumHeight)

  /// Refuses, before anything starts, an output path that would not be
  /// written by `OutputTarget`'s rules (a folder, a block device, a link to
  /// nothing: exit 73) or whose folder cannot take a new file.
  static func checkPath(_ path: String, flag: String = "--record") throws {
    let target: OutputTarget
    do {
      target = try OutputTarget.of(path)
    } catch {
      // Said here: the argument parser would end a thrown error with 1.
      InterleaveMain.notice("error: \(flag) \(path): \(error)")
      throw ExitCode(error.exitStatus)
    }
    if case .file(let file, _) = target, !TextFile.isWritable(file) {
      throw ValidationError("\(flag) \(path): cannot write there")
    }
  }

  /// Refuses two outputs on one file, or an output on a file the command
  /// reads (`--record X --trace-out X`, `render a.cast --svg a.cast`): one
  /// would overwrite the other, or the input, silently. `files` are
  /// (flag, path) pairs; an input's flag names it (`the lesson`).
  static func checkDistinct(outputs: [(String, String?)], inputs: [(String, String?)] = [])
    throws
  {
    var seen: [String: String] = [:]
    for (flag, path) in inputs { if let path { seen[identity(path), default: flag] = flag } }
    for (flag, path) in outputs {
      guard let path else { continue }
      let key = identity(path)
      // A character device (/dev/null) takes any number of writers.
      var info = stat()
      if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFCHR { continue }
      if let other = seen[key] {
        throw ValidationError("\(flag) \(path): \(other) uses the same file")
      }
      seen[key] = flag
    }
  }

  /// One file's identity: its device and inode when it exists, else its
  /// folder's real path and its name.
  static func identity(_ path: String) -> String {
    var info = stat()
    if stat(path, &info) == 0 { return "\(info.st_dev):\(info.st_ino)" }
    let folder = TextFile.folder(of: path)
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let real = realpath(folder, nil) else { return path }
    defer { free(real) }
    return String(cString: real) + "/" + name
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
