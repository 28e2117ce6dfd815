import InterleaveRuntime
import InterleaveTerminal

/// Keys to actions, a pure function: what each key does depends only on the
/// key and on what is open (the help, drive mode, the outcomes box).
enum KeyMap {
  /// What is on screen, as far as keys care.
  struct Context: Equatable {
    var helpOpen = false
    var driving = false
    var forkOpen = false
    var pickerOpen = false
    var focused = false
  }

  static func action(for key: Key, helpOpen: Bool) -> Action? {
    action(for: key, in: Context(helpOpen: helpOpen))
  }

  static func action(for key: Key, in context: Context) -> Action? {
    if context.forkOpen, let action = forkAction(for: key) { return action }
    if context.pickerOpen, let action = pickerAction(for: key) { return action }
    if context.focused && !context.helpOpen {
      switch key {
      case .character("j"), .down: return .scrollFocus(-1)
      case .character("k"), .up: return .scrollFocus(1)
      case .escape: return .unfocus
      default: break
      }
    }
    switch key {
    case .mouse: return nil
    case .escape: return context.helpOpen ? .closeHelp : .quit
    case .backTab: return .previousScenario
    case .pageUp: return .pageUp
    case .pageDown: return .pageDown
    case .resize: return .redraw
    case .up, .down, .other: return nil
    case .character(let character):
      if context.driving {
        if let action = driveAction(for: character) { return action }
        // Pausing and pacing mean nothing while the learner takes each step.
        if " +=-_n".contains(character) { return nil }
      }
      if let scenario = Scenario.forKey(character) { return .switchScenario(scenario) }
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
      case "s", "S": return .saveSnapshot(nil)
      case "d", "D": return .toggleDrive
      case "/": return .openPicker
      case "?", "h": return .toggleHelp
      case "q", "Q", "\u{03}": return .quit
      case "\u{0C}": return .redraw
      default: return nil
      }
    }
  }

  /// While driving, digits step threads (any digit: a wrong one gets a
  /// hint, not a scenario switch) and letters undo, redo and fork.
  private static func driveAction(for character: Character) -> Action? {
    if let digit = character.wholeNumberValue, character.isASCII { return .driveStep(digit) }
    switch character {
    case "a", "A": return .driveAuto
    case "u": return .undo
    case "U": return .redo
    case "f", "F": return .fork
    default: return nil
    }
  }

  /// While the outcomes box is open: choose, go, close.
  private static func forkAction(for key: Key) -> Action? {
    switch key {
    case .up, .character("k"): return .forkMove(-1)
    case .down, .character("j"): return .forkMove(1)
    case .pageUp: return .forkMove(-10)
    case .pageDown: return .forkMove(10)
    case .character("\r"), .character("\n"): return .forkChoose
    case .escape, .character("f"), .character("F"): return .closeFork
    default: return nil
    }
  }

  /// While the scenario list is open: choose, switch, close.
  private static func pickerAction(for key: Key) -> Action? {
    switch key {
    case .up, .character("k"): return .pickerMove(-1)
    case .down, .character("j"), .character("\t"): return .pickerMove(1)
    case .backTab: return .pickerMove(-1)
    case .character("\r"), .character("\n"): return .pickerChoose
    case .escape, .character("/"): return .closePicker
    case .character(let character):
      if let scenario = Scenario.forKey(character) { return .switchScenario(scenario) }
      return nil
    default: return nil
    }
  }

  /// The key a lesson's `key = "..."` names.
  static func key(named name: String) -> Key? {
    switch name {
    case "space": return .character(" ")
    case "tab": return .character("\t")
    case "shift-tab": return .backTab
    case "escape": return .escape
    case "enter": return .character("\r")
    case "up": return .up
    case "down": return .down
    default:
      guard let character = name.first, name.count == 1 else { return nil }
      return .character(character)
    }
  }
}
