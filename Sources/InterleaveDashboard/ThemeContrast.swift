import Glibc

/// How readable a theme's colours are: the WCAG contrast ratio of each
/// role's foreground against its background, where both are known.
public enum ThemeContrast {
  /// Below this, text is hard to read (WCAG's floor for large text).
  public static let minimum = 3.0

  /// The roles whose colours are too close, with their ratio, in role order.
  public static func problems(_ theme: Theme) -> [(role: Role, ratio: Double)] {
    guard !theme.monochrome else { return [] }
    return Role.allCases.compactMap { role in
      let colors = theme.colors(for: role)
      guard let fg = rgb(colors.foreground), let bg = rgb(colors.background) else { return nil }
      let ratio = contrast(fg, bg)
      return ratio < minimum ? (role, ratio) : nil
    }
  }

  /// The WCAG 2 contrast ratio of two colours, 1...21.
  public static func contrast(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Double {
    let (la, lb) = (luminance(a), luminance(b))
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
  }

  /// Relative luminance of an sRGB colour.
  static func luminance(_ colour: (Int, Int, Int)) -> Double {
    func linear(_ channel: Int) -> Double {
      let value = Double(channel) / 255
      return value <= 0.039_28 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
    }
    return 0.2126 * linear(colour.0) + 0.7152 * linear(colour.1) + 0.0722 * linear(colour.2)
  }

  /// A colour's RGB, when the theme fixes it (the terminal's own default is unknown).
  public static func rgb(_ colour: ThemeColor) -> (Int, Int, Int)? {
    switch colour {
    case .terminalDefault: return nil
    case .indexed(let index): return ThemeColor.rgbOf(index: index)
    case .rgb(let r, let g, let b): return (Int(r), Int(g), Int(b))
    }
  }
}
