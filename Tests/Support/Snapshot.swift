import Foundation
import InterleaveDashboard
import Testing

/// Whole-frame snapshots: a frame's text against a file kept beside the
/// test, in `__Snapshots__/NAME.txt`. Set `INTERLEAVE_RECORD_SNAPSHOTS=1`
/// to write the files anew; a mismatch prints the lines that differ.
public enum Snapshot {
  /// The frame's rows, trailing spaces removed, then its styles: for each
  /// row with any, the columns of each run that is not plain text, with its
  /// role and `+bold`, `+reverse` (so a colour or emphasis that changes
  /// shows in the snapshot as a changed line).
  ///
  /// - Parameter only: the rows to keep (all by default); a style row keeps
  ///   its number in the frame.
  public static func text(_ canvas: Canvas, rows only: Range<Int>? = nil) -> String {
    let kept = only.map { $0.clamped(to: 0..<canvas.height) } ?? 0..<canvas.height
    let rows = canvas.lines[kept].map { line in
      var line = line
      while line.last == " " { line.removeLast() }
      return line
    }
    var styles: [String] = []
    for y in kept {
      var runs: [String] = []
      var x = 0
      while x < canvas.width {
        let style = canvas[x, y].style
        let start = x
        while x < canvas.width, canvas[x, y].style == style { x += 1 }
        guard style != .text else { continue }
        let emphasis = (style.bold ? "+bold" : "") + (style.reverse ? "+reverse" : "")
        runs.append("\(start)-\(x - 1) \(style.role.rawValue)\(emphasis)")
      }
      if !runs.isEmpty { styles.append("\(y): " + runs.joined(separator: ", ")) }
    }
    return rows.joined(separator: "\n") + "\n--- styles (row: columns role)\n"
      + styles.joined(separator: "\n") + "\n"
  }

  /// Compares `canvas` with the snapshot `name`; records an issue that shows
  /// the differing rows when they differ, or when there is no snapshot yet.
  public static func check(
    _ canvas: Canvas, named name: String, filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    check(text(canvas), named: name, filePath: filePath, sourceLocation: sourceLocation)
  }

  public static func check(
    _ actual: String, named name: String, filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
      .appendingPathComponent("__Snapshots__")
    let file = folder.appendingPathComponent(name + ".txt")
    let recording = ProcessInfo.processInfo.environment["INTERLEAVE_RECORD_SNAPSHOTS"] == "1"
    let expected = try? String(contentsOf: file, encoding: .utf8)
    if recording || expected == nil {
      try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try? actual.write(to: file, atomically: true, encoding: .utf8)
      let what = expected == nil ? "was missing" : "re-recorded"
      Issue.record(
        Comment(rawValue: "snapshot \(name) \(what): wrote \(file.path)"),
        sourceLocation: sourceLocation)
      return
    }
    guard let expected, expected != actual else { return }
    let rows = diff(expected, actual)
    Issue.record(
      Comment(rawValue: "snapshot \(name) differs (- expected, + actual):\n\(rows)"),
      sourceLocation: sourceLocation)
  }

  /// The rows that differ, numbered, each as `-` expected and `+` actual.
  static func diff(_ expected: String, _ actual: String) -> String {
    let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var out: [String] = []
    for row in 0..<max(old.count, new.count) {
      let a = row < old.count ? String(old[row]) : nil
      let b = row < new.count ? String(new[row]) : nil
      guard a != b else { continue }
      if let a { out.append(String(format: "%3d - ", row + 1) + a) }
      if let b { out.append(String(format: "%3d + ", row + 1) + b) }
    }
    return out.joined(separator: "\n")
  }
}
