import InterleaveText

/// How long a caption must stay up for a student to read it.
///
/// The rule: 2 s, plus 0.4 s a word in English (150 a minute: a learner
/// reads code-heavy text while watching the screen; 0.3 s was too fast in a
/// teacher's review) or 0.2 s a CJK character (5 a second; other words in a
/// Chinese caption, such as code, count as English words).
public enum ReadingTime {
  public static let base: UInt64 = 2_000_000_000
  public static let perWord: UInt64 = 400_000_000
  public static let perCJK: UInt64 = 200_000_000

  /// The reading time of `text`, in nanoseconds.
  public static func of(_ text: String) -> UInt64 {
    var words: UInt64 = 0
    var cjk: UInt64 = 0
    var inWord = false
    for scalar in text.unicodeScalars {
      if isCJK(scalar) {
        cjk += 1
        inWord = false
      } else if scalar.properties.isWhitespace || isPunctuation(scalar) {
        inWord = false
      } else if !inWord {
        words += 1
        inWord = true
      }
    }
    return base + words * perWord + cjk * perCJK
  }

  static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F: return true
    default: return false
    }
  }

  static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .openPunctuation, .closePunctuation, .otherPunctuation, .dashPunctuation,
      .initialPunctuation, .finalPunctuation, .connectorPunctuation:
      return true
    default: return false
    }
  }
}
