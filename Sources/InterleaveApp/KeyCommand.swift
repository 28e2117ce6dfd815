import InterleaveRuntime
import InterleaveTerminal

/// What a key asks the dashboard to do.
enum KeyCommand: Equatable {
  case switchTo(Scenario)
  case nextScenario
  case previousScenario
  case togglePause
  case step
  case faster
  case slower
  case restart
  case fewerThreads
  case moreThreads
  case nextTheme
  case toggleHelp
  case pageUp
  case pageDown
  case resize
  case quit

  /// The command for a key, or nil for keys that do nothing.
  init?(_ key: Key) {
    switch key {
    case .escape: self = .quit
    case .backTab: self = .previousScenario
    case .pageUp: self = .pageUp
    case .pageDown: self = .pageDown
    case .resize: self = .resize
    case .other: return nil
    case .character(let character):
      if let digit = character.wholeNumberValue, (1...Scenario.allCases.count).contains(digit) {
        self = .switchTo(Scenario.allCases[digit - 1])
        return
      }
      switch character {
      case "\t": self = .nextScenario
      case " ": self = .togglePause
      case "n", "N": self = .step
      case "+", "=": self = .faster
      case "-", "_": self = .slower
      case "r", "R": self = .restart
      case "[": self = .fewerThreads
      case "]": self = .moreThreads
      case "t", "T": self = .nextTheme
      case "?", "h": self = .toggleHelp
      case "q", "Q", "\u{03}": self = .quit
      default: return nil
      }
    }
  }
}

extension KeyCommand {
  /// The command for a lesson's `key = "..."` name.
  init?(lessonKey name: String) {
    switch name {
    case "space": self.init(.character(" "))
    case "tab": self.init(.character("\t"))
    case "shift-tab": self.init(.backTab)
    default:
      guard let character = name.first, name.count == 1 else { return nil }
      self.init(.character(character))
    }
  }
}
