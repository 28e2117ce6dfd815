import InterleaveText

/// `interleave help figures`: what each figure on the dashboard counts,
/// one a line, its name padded to a column.
enum FiguresHelp {
  static func text(_ strings: any Strings) -> String {
    let rows = strings.figureDefinitions
    let width = rows.map { TextWidth.of($0.0) }.max() ?? 0
    return rows.map { name, meaning in
      name + String(repeating: " ", count: width - TextWidth.of(name) + 2) + meaning
    }.joined(separator: "\n")
  }
}
