import Glibc
import InterleaveRuntime
import InterleaveText

/// The user's own defaults, from `$XDG_CONFIG_HOME/interleave/config.toml`
/// (else `~/.config/interleave/config.toml`). Flags override every one.
///
/// ```toml
/// theme = "light"      # a built-in theme or a theme .toml file
/// language = "zh"      # en or zh
/// speed = "slow"       # the dashboard's speed: full, fast, normal, slow or ms
/// threads = 4          # 1...256
/// mouse = false        # leave clicks to the terminal
/// ```
public struct UserConfig: Equatable, Sendable {
  public var theme: String?
  public var language: Language?
  public var speed: Speed?
  public var threads: Int?
  /// Clicks and the wheel in the dashboard (`false`: left to the terminal).
  public var mouse: Bool?

  public init() {}

  /// The keys a config file may have.
  public static let keys = ["theme", "language", "speed", "threads", "mouse"]

  /// Where the file is looked for, whether or not it exists (nil: neither
  /// `XDG_CONFIG_HOME` nor `HOME` is set).
  public static func path(_ environment: [String: String]) -> String? {
    if let base = environment["XDG_CONFIG_HOME"], base.hasPrefix("/") {
      return base + "/interleave/config.toml"
    }
    guard let home = environment["HOME"], !home.isEmpty else { return nil }
    return home + "/.config/interleave/config.toml"
  }

  /// Parses a config file's text; a bad key or value is named by
  /// `file:line:column`.
  public static func parse(_ text: String, file: String) throws(SourceError) -> UserConfig {
    let table = try TOMLDocument.table(text, file: file)
    var config = UserConfig()
    for entry in table.entries {
      func fail(_ message: String) -> SourceError {
        SourceError(file: file, line: entry.line, column: entry.column, message: message)
      }
      let value = entry.value
      switch entry.key {
      case "theme":
        guard let name = value.string, !name.isEmpty else {
          throw fail("'theme' must be a theme name or a .toml path")
        }
        do {
          _ = try ThemeCatalog.load(name)
        } catch {
          // A theme file's own error names its own file; a bad name, this line.
          throw error.file == name && error.line == 0
            ? fail("theme '\(name)': \(error.message)") : error
        }
        config.theme = name
      case "language":
        guard let text = value.string, let language = Language(rawValue: text) else {
          throw fail("'language' must be en or zh")
        }
        config.language = language
      case "speed":
        // Spelled out: a `flatMap ... ?? flatMap` chain here crashes the
        // Swift 6.3.1 optimizer in a typed-throws function.
        var parsed: Speed?
        if let text = value.string {
          parsed = Speed(parsing: text)
        } else if let number = value.int {
          parsed = Speed(parsing: String(number))
        }
        guard let speed = parsed else {
          throw fail("'speed' must be full, fast, normal, slow or milliseconds 0...60000")
        }
        config.speed = speed
      case "threads":
        guard let threads = value.int, RunConfiguration.threadRange.contains(threads) else {
          throw fail("'threads' must be a number 1...256")
        }
        config.threads = threads
      case "mouse":
        guard let flag = value.bool else { throw fail("'mouse' must be true or false") }
        config.mouse = flag
      default:
        throw fail("unknown key '\(entry.key)' (expected \(keys.joined(separator: ", ")))")
      }
    }
    return config
  }

  /// The file at `path`, or an empty config when there is none.
  public static func load(_ path: String?) throws(SourceError) -> UserConfig {
    guard let path, access(path, F_OK) == 0 else { return UserConfig() }
    return try parse(try SourceError.readText(path), file: path)
  }
}
