/// One token of a program's text.
struct Token: Equatable, Sendable {
  enum Kind: Equatable, Sendable {
    case name(String)
    case int(Int)
    case float(Double)
    /// A string literal's value; `formatted` for an f-string (its text
    /// still holds the `{...}` fields, `fieldStart` where they begin).
    case string(String, formatted: Bool)
    /// An operator or a delimiter (`+=`, `(`, `:`...).
    case symbol(String)
    case newline
    case indent
    case dedent
    case end
  }

  var kind: Kind
  var location: SourceLocation
  /// For an f-string: the location of each character of its value, so a
  /// field's expression is reported where it stands.
  var characterLocations: [SourceLocation] = []

  var name: String? {
    if case .name(let name) = kind { return name }
    return nil
  }

  func isSymbol(_ symbol: String) -> Bool { kind == .symbol(symbol) }
  func isName(_ name: String) -> Bool { kind == .name(name) }
}
