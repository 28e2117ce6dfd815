import Foundation

/// The repository the tests run from, found from this file's own place
/// (`Tests/Support/`), so a test file may sit at any depth.
public enum Repository {
  public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The absolute path of `relative` (`"lessons/01-threads.toml"`).
  public static func path(_ relative: String) -> String {
    root.appendingPathComponent(relative).path
  }
}
