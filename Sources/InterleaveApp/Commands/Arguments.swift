import ArgumentParser
import InterleaveRuntime
import InterleaveText

extension Scenario: ExpressibleByArgument {
  public init?(argument: String) { self.init(id: argument) }
  public static var allValueStrings: [String] { Scenario.all.map(\.id) }
  public var defaultValueDescription: String { id }
}

extension Language: ExpressibleByArgument {
  public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
  public static var allValueStrings: [String] { valueStrings(allCases) }
}

extension Speed: ExpressibleByArgument {
  public init?(argument: String) { self.init(parsing: argument) }
  public static var allValueStrings: [String] {
    ["full", "fast", "normal", "slow", "0...60000 (ms)"]
  }
  public var defaultValueDescription: String { description }
}

extension OutputFormat: ExpressibleByArgument {
  public static var allValueStrings: [String] { valueStrings(allCases) }
}

/// The raw values of an option's cases, as the argument parser's default
/// gives them. Said per type, because the default (generic, through key
/// paths built at run time) cost a plain run 1.3 M instructions at start-up.
func valueStrings<T: RawRepresentable<String>>(_ cases: [T]) -> [String] {
  cases.map { $0.rawValue }
}
