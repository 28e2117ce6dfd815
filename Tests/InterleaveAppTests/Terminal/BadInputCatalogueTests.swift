import Foundation
import Testing

/// The bad-input catalogue, as a user meets it: files that are not what they
/// should be, and terminals and locales that are not what a dashboard wants.
@Suite("Bad input catalogue")
struct BadInputCatalogueTests {
  /// Files that must be refused, by content, with the message's tail.
  ///
  /// Computed, not stored: a `Data` kept in a global sits behind a tagged
  /// enum payload that LeakSanitizer cannot follow, so it reports it leaked.
  static var files: [(name: String, content: Data, message: String)] {
    [
      (
        "big", Data(("name = \"x\"\n# " + String(repeating: "x", count: 10_000_000) + "\n").utf8),
        "1:1: file is larger than 1 MiB"
      ),
      (
        "nested",
        Data(
          ("running = " + String(repeating: "[", count: 5_000)
            + String(repeating: "]", count: 5_000)
            + "\n").utf8),
        "1:139: values nested more than 128 deep"
      ),
      (
        "not-utf8", Data("title = \"t".utf8) + Data([0xFF, 0xFE]) + Data("\"\n".utf8),
        "1:1: not UTF-8 text"
      ),
      (
        "binary", Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00]),
        "1:1: not UTF-8 text"
      ),
    ]
  }

  static func write(_ name: String, _ content: Data) -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "\(name)-\(UUID().uuidString).toml"
    ).path
    FileManager.default.createFile(atPath: path, contents: content)
    return path
  }

  @Test(
    "theme and lesson files that are 10 MB, deeply nested, not UTF-8 or binary: one line, status 64",
    arguments: files.indices)
  func badFiles(index: Int) throws {
    let (name, content, message) = Self.files[index]
    let path = Self.write(name, content)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let theme = try Binary.run(["loop", "--threads", "1", "--plain", "--theme", path])
    #expect(theme.status == 64)
    #expect(theme.stderr.hasPrefix("interleave: error: --theme \(path):\(message)"))
    #expect(theme.stderr.split(separator: "\n").count == 1)
    #expect(theme.stdout.isEmpty, "nothing runs")
    let cast = path + ".cast"
    let lesson = try Binary.run(["lesson", path, "--headless", "--record", cast])
    #expect(lesson.status == 64)
    #expect(lesson.stderr.hasPrefix("interleave: error: \(path):\(message)"))
    #expect(lesson.stderr.split(separator: "\n").count == 1)
    #expect(!FileManager.default.fileExists(atPath: cast), "no recording is left behind")
  }

  @Test("an empty theme is every default; an empty lesson has no title")
  func emptyFiles() throws {
    let path = Self.write("empty", Data())
    defer { try? FileManager.default.removeItem(atPath: path) }
    let theme = try Binary.run(["loop", "--threads", "1", "--plain", "--theme", path])
    #expect(theme.status == 0)
    let lesson = try Binary.run(["lesson", path, "--headless", "--record", path + ".cast"])
    #expect(lesson.status == 64)
    #expect(lesson.stderr == "interleave: error: \(path):1:1: missing 'title'\n")
  }

  @Test(
    "TERM unset, dumb or unknown: the plain mode runs instead, with a one-line notice", Tmux.suite,
    arguments: [
      ("env -u TERM", "TERM is not set"), ("TERM=dumb", "TERM is dumb"),
      ("TERM=no-such-terminal", "cannot open the terminal (TERM=no-such-terminal)"),
    ])
  func unusableTerminal(setting: String, reason: String) throws {
    let tmux = try Tmux()
    try tmux.type("\(setting) '\(Binary.url.path)' loop --threads 1 --lang en; echo EXIT=$?")
    let screen = try tmux.waitFor("EXIT=0")
    #expect(screen.contains { $0.contains("interleave: \(reason): running in plain mode") })
    #expect(screen.contains { $0.contains("Thread LoopThread >>> 6") })
  }

  @Test("LANG=C: the dashboard still draws its box lines and quits cleanly", Tmux.suite)
  func cLocale() throws {
    let tmux = try Tmux()
    try tmux.type("export LANG=C LC_ALL=C")
    try tmux.launch("race --threads 2 --speed 48")
    let screen = try tmux.waitFor("q quit")
    #expect(screen.contains { $0.contains("┌ steps") })
    #expect(screen.contains { $0.contains("Thread-2") })
    try tmux.keys("q")
    try tmux.waitFor("EXIT=0")
  }
}

@Suite("Theme warnings")
struct ThemeWarningTests {
  @Test("a theme file that is hard to read gets one warning line naming the role, and still runs")
  func contrastWarning() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "red-\(UUID().uuidString).toml"
    ).path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try "caption = { fg = \"red\", bg = \"red\" }\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    let result = try Binary.run(["loop", "--threads", "1", "--plain", "--theme", path])
    #expect(result.status == 0)
    #expect(
      result.stderr
        == "interleave: warning: --theme \(path): 'caption' has a contrast of 1.0:1 against its background (below 3:1): hard to read\n"
    )
  }
}
