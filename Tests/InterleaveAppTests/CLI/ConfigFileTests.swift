import Foundation
import Testing

/// `$XDG_CONFIG_HOME/interleave/config.toml`: the user's defaults, which
/// flags override, refused whole when bad.
@Suite("Config file")
struct ConfigFileTests {
  /// A config home holding `text` as interleave's config file.
  static func home(_ text: String) throws -> String {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent(
      "config-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(
      atPath: home + "/interleave", withIntermediateDirectories: true)
    #expect(
      FileManager.default.createFile(
        atPath: home + "/interleave/config.toml", contents: Data(text.utf8)))
    return home
  }

  /// The first step's picture of lesson 1, as the config and `flags` make it.
  static func picture(home: String, _ flags: [String] = []) throws -> String {
    let cast = home + "/l.cast"
    let result = try Binary.run(
      [
        "lesson", "1", "--headless", "--record", cast, "--snapshot-at", "marker", "--size", "80x24",
        "--time-scale", "0.05",
      ] + flags, environment: ["XDG_CONFIG_HOME": home])
    #expect(result.status == 0, "\(result.stderr)")
    return try String(contentsOfFile: home + "/l-step-01.svg", encoding: .utf8)
  }

  @Test("theme = \"light\" in the file changes what is drawn; --theme overrides it")
  func themeFromFile() throws {
    let home = try Self.home("theme = \"light\"\n")
    defer { try? FileManager.default.removeItem(atPath: home) }
    // light paints its own background, #fafaf5; default leaves the terminal's.
    #expect(try Self.picture(home: home).contains("fill=\"#fafaf5\""))
    #expect(!(try Self.picture(home: home, ["--theme", "default"])).contains("fill=\"#fafaf5\""))
  }

  @Test("threads = 3 in the file starts three workers; --threads overrides it")
  func threadsFromFile() throws {
    let home = try Self.home("threads = 3\nlanguage = \"zh\"\n")
    defer { try? FileManager.default.removeItem(atPath: home) }
    let environment = ["XDG_CONFIG_HOME": home]
    let three = try Binary.run(
      ["race", "--plain", "--iterations", "1"], environment: environment)
    #expect(three.stdout.contains("Thread-3"))
    #expect(three.stdout.contains("线程"), "language = \"zh\" is used")
    let two = try Binary.run(
      ["race", "--plain", "--iterations", "1", "--threads", "2", "--lang", "en"],
      environment: environment)
    #expect(!two.stdout.contains("Thread-3") && !two.stdout.contains("线程"))
  }

  @Test("config --print shows every setting and where it came from; --path the file")
  func printSources() throws {
    let home = try Self.home("theme = \"light\"\n")
    defer { try? FileManager.default.removeItem(atPath: home) }
    let file = home + "/interleave/config.toml"
    let result = try Binary.run(
      ["config", "--path", "--print"], environment: ["XDG_CONFIG_HOME": home, "LANG": "C"])
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == file)
    #expect(lines.contains { $0.hasPrefix("theme     light") && $0.hasSuffix("config " + file) })
    #expect(lines.contains { $0.hasPrefix("language  en") && $0.contains("LANG") })
    #expect(lines.contains { $0.hasPrefix("speed") && $0.hasSuffix("default") })
  }

  @Test(
    "a bad config file is refused before anything starts, naming file:line:column, exit 64",
    arguments: [
      ("speed = \"warp\"\n", ":1:1: 'speed' must be full, fast, normal, slow or milliseconds"),
      ("theme = \"light\"\ncolour = 1\n", ":2:1: unknown key 'colour'"),
      ("threads = 999\n", ":1:1: 'threads' must be a number 1...256"),
      ("theme = \n", ":1:"),
    ])
  func badFile(text: String, message: String) throws {
    let home = try Self.home(text)
    defer { try? FileManager.default.removeItem(atPath: home) }
    let cast = home + "/never.cast"
    let result = try Binary.run(
      ["lesson", "1", "--headless", "--record", cast], environment: ["XDG_CONFIG_HOME": home])
    #expect(result.status == 64)
    #expect(
      result.stderr.hasPrefix(
        "interleave: error: config \(home)/interleave/config.toml" + message), "\(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(!FileManager.default.fileExists(atPath: cast))
  }

  @Test("a path with escape sequences in it reaches stdout with them shown, never sent")
  func escapedPath() throws {
    let result = try Binary.run(
      ["config", "--path"], environment: ["XDG_CONFIG_HOME": "/tmp/\u{1B}[31mred"])
    #expect(result.status == 0)
    #expect(!result.stdout.contains("\u{1B}"))
    #expect(result.stdout.contains("/tmp/␛[31mred/interleave/config.toml"))
  }
}
