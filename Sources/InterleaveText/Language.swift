/// The language of the transcript and captions.
public enum Language: String, CaseIterable, Sendable {
  case en
  case zh

  /// This language's string table.
  public var strings: any Strings {
    switch self {
    case .en: return English()
    case .zh: return Chinese()
    }
  }

  /// `zh` when `LC_ALL`, `LC_MESSAGES` or `LANG` (the first one set) starts with `zh`.
  public static func fromEnvironment(_ environment: [String: String]) -> Language {
    for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
      if let value = environment[key], !value.isEmpty {
        return value.lowercased().hasPrefix("zh") ? .zh : .en
      }
    }
    return .en
  }
}
