/// What a cell means; a theme turns each role into colours and attributes.
public enum Role: String, CaseIterable, Sendable, Codable {
  case text
  case dim
  case border
  case title
  case tab
  case tabActive = "tab_active"
  case running
  case waiting
  case sleeping
  case finished
  case cancelled
  case lockOwner = "lock_owner"
  case lockWaiter = "lock_waiter"
  case deadlock
  case gaugeOK = "gauge_ok"
  case gaugeDrift = "gauge_drift"
  case caption
  case keyHint = "key_hint"
  case lostUpdate = "lost_update"
  case read
  case write
  case acquire
  case release
  case sleep
}

/// A role plus the attributes a widget asks for.
public struct Style: Equatable, Hashable, Sendable {
  public var role: Role
  public var bold: Bool
  public var reverse: Bool

  public init(_ role: Role = .text, bold: Bool = false, reverse: Bool = false) {
    self.role = role
    self.bold = bold
    self.reverse = reverse
  }

  public static let text = Style()
}
