import InterleaveDashboard

/// Reads theme TOML. Every role key is optional (a missing key falls back to
/// the `default` theme); unknown keys and bad values are errors with their
/// line and column.
public enum ThemeParser {
  /// Top-level keys besides the roles.
  static let metaKeys: Set<String> = ["name", "description", "monochrome", "background"]

  public static func parse(_ text: String, file: String, fallback: Theme?) throws(SourceError)
    -> Theme
  {
    guard text.utf8.count <= 1 << 20 else {
      throw SourceError(file: file, line: 1, column: 1, message: "file is larger than 1 MiB")
    }
    let table = try TOMLDocument.table(text, file: file)
    func fail(_ key: String, _ message: String) -> SourceError {
      let (line, column) = table.position(of: key) ?? (1, 1)
      return SourceError(file: file, line: line, column: column, message: message)
    }
    var theme = fallback ?? Theme(name: "", colors: [:])
    theme.name = baseName(of: file)
    var background: ThemeColor?
    for key in table.keys {
      let value = table[key]!
      if key == "name" {
        guard let name = value.string else { throw fail(key, "'name' must be a string") }
        theme.name = name
      } else if key == "description" {
        guard value.string != nil else { throw fail(key, "'description' must be a string") }
      } else if key == "background" {
        guard let text = value.string, let colour = ThemeColor(parsing: text) else {
          throw fail(key, "'background' must be a colour (\"#rrggbb\", an ANSI name, 0-255)")
        }
        background = colour
      } else if key == "monochrome" {
        guard let flag = value.bool else { throw fail(key, "'monochrome' must be true or false") }
        theme.monochrome = flag
      } else if let role = Role(rawValue: key) {
        theme.colors[role] = try colors(value, key: key, fail: fail)
      } else {
        throw fail(
          key,
          "unknown key '\(key)' (expected name, description, monochrome, background or a role: "
            + Role.allCases.map(\.rawValue).joined(separator: ", ") + ")")
      }
    }
    // A theme-wide background fills in every role that names none, so the
    // whole screen is painted (a light theme on a dark terminal stays light).
    if let background {
      for role in Role.allCases {
        var colors = theme.colors(for: role)
        if colors.background == .terminalDefault { colors.background = background }
        theme.colors[role] = colors
      }
    }
    return theme
  }

  private static func colors(
    _ value: TOMLValue, key: String, fail: (String, String) -> SourceError
  ) throws(SourceError) -> Theme.Colors {
    let help = "a colour (\"#rrggbb\", an ANSI name, 0-255 or \"default\")"
    func colour(_ item: TOMLValue) -> ThemeColor? {
      if let text = item.string { return ThemeColor(parsing: text) }
      if let number = item.int, (0...255).contains(number) { return .indexed(number) }
      return nil
    }
    if let table = value.table {
      var result = Theme.Colors(.terminalDefault)
      for field in table.keys {
        guard let parsed = colour(table[field]!) else {
          throw fail(key, "'\(key).\(field)' must be \(help)")
        }
        switch field {
        case "fg": result.foreground = parsed
        case "bg": result.background = parsed
        default: throw fail(key, "unknown field '\(field)' in '\(key)' (expected fg, bg)")
        }
      }
      return result
    }
    guard let parsed = colour(value) else {
      throw fail(key, "'\(key)' must be \(help) or { fg = ..., bg = ... }")
    }
    return Theme.Colors(parsed)
  }
}

/// The file name without folders or extension.
func baseName(of path: String) -> String {
  let name = path.split(separator: "/").last.map(String.init) ?? path
  return name.hasSuffix(".toml") ? String(name.dropLast(5)) : name
}
