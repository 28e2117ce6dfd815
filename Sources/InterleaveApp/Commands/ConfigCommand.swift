import ArgumentParser
import Glibc
import InterleaveContent
import InterleaveRuntime
import InterleaveText

/// `interleave config --path | --print`: where the config file is looked
/// for, and the settings in effect with where each came from.
struct ConfigCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "config",
    abstract: "Show where the config file is and the settings in effect.",
    discussion: """
      The file is $XDG_CONFIG_HOME/interleave/config.toml (else \
      ~/.config/interleave/config.toml), with any of: theme = "light", \
      language = "zh", speed = "slow" (or milliseconds), threads = 4, \
      mouse = false. \
      Flags override it.
      """)

  @Flag(name: .long, help: "Print the config file's path (whether or not it exists).")
  var path = false

  @Flag(name: .long, help: "Print the settings in effect and where each came from.")
  var print = false

  init() {}

  func validate() throws {
    guard path || print else { throw ValidationError("give --path or --print") }
  }

  func run() throws {
    let sink = OutputSink()
    guard let file = ConfigFile.path else {
      throw ValidationError("neither XDG_CONFIG_HOME nor HOME is set: there is no config file")
    }
    if path { sink.line(file) }
    if print {
      let config = try ConfigFile.current()
      let environment = Environment.current
      let exists = access(file, F_OK) == 0
      for line in Self.report(config, file: file, exists: exists, environment: environment) {
        sink.line(line)
      }
    }
    sink.flush()
  }

  /// `name  value  source`, one line each.
  static func report(
    _ config: UserConfig, file: String, exists: Bool, environment: [String: String]
  ) -> [String] {
    let source = "config " + file
    let theme: (String, String) =
      config.theme.map { ($0, source) }
      ?? (environment["NO_COLOR"] != nil ? ("mono", "NO_COLOR") : ("default", "default"))
    let language: (String, String) =
      config.language.map { ($0.rawValue, source) }
      ?? (Language.fromEnvironment(environment).rawValue, "LANG and LC_* (else en)")
    let speed: (String, String) =
      config.speed.map { ($0.description, source) } ?? (
        Settings.dashboardSpeed.description, "default"
      )
    let threads: (String, String) =
      config.threads.map { ("\($0)", source) }
      ?? ("\(RunConfiguration.defaultThreads)", "default (one per usable CPU core, at least 2)")
    let mouse: (String, String) = config.mouse.map { ("\($0)", source) } ?? ("true", "default")
    let rows = [
      ("file", file, exists ? "found" : "not found"), ("theme", theme.0, theme.1),
      ("language", language.0, language.1), ("speed", speed.0, speed.1),
      ("threads", threads.0, threads.1), ("mouse", mouse.0, mouse.1),
    ]
    return rows.map { name, value, from in
      name.padding(toLength: 10) + value.padding(toLength: 12) + " " + from
    }
  }
}
