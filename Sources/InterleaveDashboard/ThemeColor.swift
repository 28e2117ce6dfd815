/// A colour as a theme file writes it: `default`, an ANSI name, 0-255, or `#rrggbb`.
public enum ThemeColor: Equatable, Sendable {
  /// The terminal's own foreground or background.
  case terminalDefault
  /// 0-255 in the xterm palette (0-15 are the ANSI colours).
  case indexed(Int)
  case rgb(UInt8, UInt8, UInt8)

  static let ansiNames = [
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
    "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue",
    "bright-magenta", "bright-cyan", "bright-white",
  ]

  /// Parses a colour string; nil when it is none of the accepted forms.
  public init?(parsing text: String) {
    let lowered = String(text.lowercased().map { $0 == "_" ? "-" : $0 })
    if lowered == "default" {
      self = .terminalDefault
    } else if let index = ThemeColor.ansiNames.firstIndex(of: lowered) {
      self = .indexed(index)
    } else if lowered.hasPrefix("#"), lowered.count == 7,
      let value = UInt32(lowered.dropFirst(), radix: 16)
    {
      self = .rgb(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
    } else if let index = Int(lowered), (0...255).contains(index) {
      self = .indexed(index)
    } else {
      return nil
    }
  }

  /// The colour number to use on a terminal with `colors` colours (-1 for
  /// the terminal default): nearest match when the terminal has fewer.
  public func resolved(colors: Int) -> Int {
    switch self {
    case .terminalDefault: return -1
    case .indexed(let index):
      if index < colors { return index }
      return ThemeColor.nearest(ThemeColor.rgbOf(index: index), among: min(colors, 16))
    case .rgb(let r, let g, let b):
      if colors >= 256 { return ThemeColor.nearest((Int(r), Int(g), Int(b)), among: 256) }
      return ThemeColor.nearest((Int(r), Int(g), Int(b)), among: min(colors, 16))
    }
  }

  /// The xterm palette's RGB for an index.
  public static func rgbOf(index: Int) -> (Int, Int, Int) {
    let ansi: [(Int, Int, Int)] = [
      (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
      (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
      (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    if index < 16 { return ansi[index] }
    if index < 232 {
      let steps = [0, 95, 135, 175, 215, 255]
      let cube = index - 16
      return (steps[cube / 36], steps[cube / 6 % 6], steps[cube % 6])
    }
    let grey = 8 + (index - 232) * 10
    return (grey, grey, grey)
  }

  /// The palette index (below `count`) closest to an RGB colour.
  static func nearest(_ colour: (Int, Int, Int), among count: Int) -> Int {
    var best = 0
    var bestDistance = Int.max
    for index in 0..<max(1, count) {
      let (r, g, b) = rgbOf(index: index)
      let distance =
        (r - colour.0) * (r - colour.0) + (g - colour.1) * (g - colour.1) + (b - colour.2)
        * (b - colour.2)
      if distance < bestDistance {
        best = index
        bestDistance = distance
      }
    }
    return best
  }
}
