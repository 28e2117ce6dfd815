import InterleaveRuntime
import InterleaveTerminal

/// Keys to actions, a pure function: what each key does depends only on the
/// key and on whether the help is open.
enum KeyMap {
  static func action(for key: Key, helpOpen: Bool) -> Action? {
    switch key {
    case .escape: return helpOpen ? .closeHelp : .quit
    case .backTab: return .previousScenario
    case .pageUp: return .pageUp
    case .pageDown: return .pageDown
    case .resize: return .redraw
    case .other: return nil
    case .character(let character):
      if let digit = character.wholeNumberValue, (1...min(9, Scenario.all.count)).contains(digit) {
        return .switchScenario(Scenario.all[digit - 1])
      }
      switch character {
      case "\t": return .nextScenario
      case " ": return .togglePause
      case "n", "N": return .step
      case "+", "=": return .faster
      case "-", "_": return .slower
      case "r", "R": return .restart
      case "[": return .fewerThreads
      case "]": return .moreThreads
      case "t", "T": return .nextTheme
      case "?", "h": return .toggleHelp
      case "q", "Q", "\u{03}": return .quit
      case "\u{0C}": return .redraw
      default: return nil
      }
    }
  }

  /// The key a lesson's `key = "..."` names.
  static func key(named name: String) -> Key? {
    switch name {
    case "space": return .character(" ")
    case "tab": return .character("\t")
    case "shift-tab": return .backTab
    case "escape": return .escape
    default:
      guard let character = name.first, name.count == 1 else { return nil }
      return .character(character)
    }
  }
}
