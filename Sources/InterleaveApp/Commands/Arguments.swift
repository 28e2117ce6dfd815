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
}

extension Speed: ExpressibleByArgument {
  public init?(argument: String) { self.init(parsing: argument) }
  public static var allValueStrings: [String] {
    ["full", "fast", "normal", "slow", "0...60000 (ms)"]
  }
  public var defaultValueDescription: String { description }
}

extension OutputFormat: ExpressibleByArgument {}
