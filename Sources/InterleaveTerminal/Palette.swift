import CNcurses
import InterleaveDashboard

/// Each style's ncurses attributes and colour pair for one theme and depth.
struct Palette {
  private var pairs: [Role: Int32] = [:]
  let depth: ColorDepth
  let monochrome: Bool

  /// Defines one colour pair per role (ncurses must be started).
  init(theme: Theme, depth: ColorDepth) {
    self.depth = depth
    monochrome = theme.monochrome || depth == .mono
    guard !monochrome else { return }
    for (offset, role) in Role.allCases.enumerated() {
      let colors = theme.colors(for: role)
      let pair = Int32(offset + 1)
      init_pair(
        Int16(pair), Int16(colors.foreground.resolved(colors: depth.rawValue)),
        Int16(colors.background.resolved(colors: depth.rawValue)))
      pairs[role] = pair
    }
  }

  /// Attributes and pair for a style.
  func resolve(_ style: Style) -> (attr_t, Int32) {
    var attributes = il_a_normal()
    if style.bold { attributes |= il_a_bold() }
    if style.reverse { attributes |= il_a_reverse() }
    if monochrome {
      // Without colour, the roles that matter most still stand out.
      switch style.role {
      case .dim, .border: attributes |= il_a_dim()
      case .deadlock, .lostUpdate, .gaugeDrift: attributes |= il_a_bold() | il_a_underline()
      case .waiting, .lockWaiter: attributes |= il_a_underline()
      case .tabActive, .lockOwner: attributes |= il_a_bold()
      default: break
      }
      return (attributes, 0)
    }
    return (attributes, pairs[style.role] ?? 0)
  }
}
