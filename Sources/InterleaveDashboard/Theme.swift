/// Colours for every role, read from a `themes/*.toml` file.
public struct Theme: Equatable, Sendable {
  /// A role's foreground and background.
  public struct Colors: Equatable, Sendable {
    public var foreground: ThemeColor
    public var background: ThemeColor

    public init(_ foreground: ThemeColor, _ background: ThemeColor = .terminalDefault) {
      self.foreground = foreground
      self.background = background
    }
  }

  public var name: String
  /// Whether the theme uses attributes only (no colours at all).
  public var monochrome: Bool
  public var colors: [Role: Colors]

  public init(name: String, monochrome: Bool = false, colors: [Role: Colors]) {
    self.name = name
    self.monochrome = monochrome
    self.colors = colors
  }

  public func colors(for role: Role) -> Colors {
    colors[role] ?? Colors(.terminalDefault)
  }
}
