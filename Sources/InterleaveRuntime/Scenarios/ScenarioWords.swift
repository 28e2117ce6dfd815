/// A text in every language Interleave speaks: a missing one does not build.
public struct Localized: Sendable, Hashable {
  public let en: String
  public let zh: String

  public init(en: String, zh: String) {
    self.en = en
    self.zh = zh
  }
}

/// What a scenario says of itself, kept with the scenario: its one-line
/// blurb and, for one with its own figures box, that box's title.
public struct ScenarioWords: Sendable {
  public let blurb: Localized
  public let figuresTitle: Localized?

  public init(blurb: Localized, figuresTitle: Localized? = nil) {
    self.blurb = blurb
    self.figuresTitle = figuresTitle
  }
}
