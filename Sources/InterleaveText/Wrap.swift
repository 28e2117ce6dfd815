/// Word wrapping by display width, in one pass over the text.
public enum Wrap {
  /// `text` broken at spaces into lines of at most `width` cells; a word
  /// longer than a line is cut. Linear in the length of `text`.
  public static func lines(_ text: String, width: Int) -> [String] {
    lines(text, first: width, later: width)
  }

  /// Like `lines`, with every line after the first indented by `indent`
  /// cells (a hanging indent), all within `width`.
  public static func hanging(_ text: String, width: Int, indent: Int) -> [String] {
    guard width > indent + 1 else { return lines(text, width: width) }
    let pad = String(repeating: " ", count: indent)
    return lines(text, first: width, later: width - indent).enumerated().map {
      $0.offset == 0 ? $0.element : pad + $0.element
    }
  }

  /// `text` on one line of at most `width` cells: whole if it fits, else
  /// cut where a line would break, with `…` to say there is more.
  public static func shortened(_ text: String, width: Int) -> String {
    guard TextWidth.of(text) > width else { return text }
    guard width > 1, let first = lines(text, width: width - 1).first else {
      return TextWidth.prefix(text, fitting: width)
    }
    return first + "…"
  }

  /// Characters no line may start with (they close what came before).
  static let closers: Set<Unicode.Scalar> = Set("，。、；：！？）》」』】〕”’…,.;:!?)]}%".unicodeScalars)
  /// Chinese particles that belong to the word before them (掩盖了, never
  /// 掩盖 then 了 on the next line).
  static let particles: Set<Unicode.Scalar> = Set("了着过吗呢吧".unicodeScalars)
  /// Characters no line may end with (they open what comes after).
  static let openers: Set<Unicode.Scalar> = Set("（《「『【〔“‘([{".unicodeScalars)

  /// The first line at most `first` cells, the others at most `later`.
  /// Lines break at spaces, and between two CJK characters (or a CJK
  /// character and a word) where the text has none, never before a closing
  /// mark nor after an opening one.
  static func lines(_ text: String, first: Int, later: Int) -> [String] {
    guard first > 0, later > 0 else { return [] }
    // Text that fits keeps its spacing as it is.
    if !text.contains("\n"), TextWidth.of(text) <= first {
      return [
        String(String.UnicodeScalarView(text.unicodeScalars.map(TextWidth.inert)))
          .replacing("\u{A0}", with: " ")
      ]
    }
    // A number and its unit stay on one line (`2.10 s`, never `2.10` then `s`).
    // And a word keeps the number after it (`max 2.10 s`, `最长 1.02 s`).
    var glued = text.replacing(Wrap.numberAndUnit) { "\($0.1)\u{A0}\($0.2)" }
      .replacing(Wrap.labelAndNumber) { "\($0.1)\u{A0}\($0.2)" }
      // A key keeps its "press" and what it does (`按 - 放慢`, `press - to`).
      .replacing(Wrap.pressKey) { "\($0.1)\u{A0}\($0.2)\u{A0}" }
    // (Text that holds the markers itself keeps them as they are.)
    let marked = !text.unicodeScalars.contains { $0 == "\u{E000}" || $0 == "\u{E001}" }
    if marked {
      glued = glued.replacing(Wrap.hanLabelAndNumber) {
        "\u{E000}\($0.1)\u{A0}\($0.2)\u{E001}"
      }
    }
    var lines = breaking(glued, first: first, later: later, glued: marked)
    avoidOrphan(&lines, later: later)
    return lines.map { $0.replacing("\u{A0}", with: " ") }
  }

  /// A CJK text's last line of one character and its mark (`起。`) takes
  /// the character before it along (`挂起。`), so no word ends alone.
  static func avoidOrphan(_ lines: inout [String], later: Int) {
    guard lines.count >= 2, let last = lines.last, TextWidth.of(last) <= 4,
      let lastFirst = last.unicodeScalars.first, TextWidth.of(lastFirst) == 2
    else { return }
    var previous = Array(lines[lines.count - 2].unicodeScalars)
    guard let moved = previous.last, TextWidth.of(moved) == 2, !closers.contains(moved),
      !openers.contains(moved)
    else { return }
    // A word at the end of the line moves whole (工作, never 作 alone).
    let interior = wordInteriors(previous)
    var count = 1
    while count < previous.count, interior[previous.count - count] { count += 1 }
    guard previous.count > count + 1, TextWidth.of(last) + 2 * count <= later else { return }
    let word = previous.suffix(count)
    previous.removeLast(count)
    var head = ""
    head.unicodeScalars.append(contentsOf: previous)
    var tail = ""
    tail.unicodeScalars.append(contentsOf: word)
    lines[lines.count - 2] = head
    lines[lines.count - 1] = tail + last
  }

  /// A number, a space, and a unit or a counter word after it.
  static var numberAndUnit: Regex<(Substring, Substring, Substring)> {
    /([0-9%]) (ms|µs|ns|s|%|次|个|M|k|G|\/s)(?![A-Za-z])/
  }

  /// `按`/`press`, a key of up to three characters, and the word after it.
  static var pressKey: Regex<(Substring, Substring, Substring)> {
    /(按|[Pp]ress) ([^ \u{A0}]{1,3}) (?=[^ ])/
  }

  /// A Latin word, a space, and a number after it.
  static var labelAndNumber: Regex<(Substring, Substring, Substring)> {
    /([A-Za-z]) ([+\-~]?[0-9])/
  }

  /// A short Chinese label (`最长`), a space, and the number after it with
  /// its unit: kept whole between the markers U+E000 and U+E001.
  static var hanLabelAndNumber: Regex<(Substring, Substring, Substring)> {
    /(\p{Han}{1,4}) ([+\-~]?[0-9][0-9.,%]*(?:\u{A0}(?:ms|µs|ns|s|次|个|M|k|G|\/s))?)/
  }

  /// For each scalar, whether it continues a Chinese word begun before it
  /// (so no line may break just before it). Words are found longest first,
  /// left to right, in `ChineseWords`.
  static func wordInteriors(_ scalars: [Unicode.Scalar]) -> [Bool] {
    var interior = [Bool](repeating: false, count: scalars.count)
    func isHan(_ scalar: Unicode.Scalar) -> Bool {
      scalar.properties.isIdeographic && TextWidth.of(scalar) == 2
    }
    var start = 0
    while start < scalars.count {
      guard isHan(scalars[start]) else {
        start += 1
        continue
      }
      var end = start
      while end < scalars.count, end - start < ChineseWords.longest, isHan(scalars[end]) {
        end += 1
      }
      var length = end - start
      while length >= 2 {
        var word = ""
        word.unicodeScalars.append(contentsOf: scalars[start..<start + length])
        if ChineseWords.all.contains(Substring(word)) { break }
        length -= 1
      }
      if length >= 2 {
        for index in start + 1..<start + length { interior[index] = true }
        start += length
      } else {
        start += 1
      }
    }
    return interior
  }

  /// `lines` at work: breaks at spaces and between CJK characters.
  private static func breaking(_ text: String, first: Int, later: Int, glued: Bool) -> [String] {
    var lines: [String] = []
    var current = ""
    var currentWidth = 0
    // The word being read: its text, width, and whether a space came before it.
    var word = ""
    var wordWidth = 0
    var spaced = false
    var afterSpace = false
    var lastWide = false
    func limit() -> Int { lines.isEmpty ? first : later }
    func endLine() {
      lines.append(current)
      (current, currentWidth) = ("", 0)
    }
    func flushWord() {
      guard !word.isEmpty else { return }
      let gap = currentWidth > 0 && spaced ? 1 : 0
      if currentWidth > 0, currentWidth + gap + wordWidth > limit() {
        endLine()
      } else if gap == 1 {
        current += " "
        currentWidth += 1
      }
      current += word
      currentWidth += wordWidth
      (word, wordWidth) = ("", 0)
    }
    // Inside a glued label and number, CJK characters do not break; nor
    // inside a word (启动, never 启 then 动).
    var held = false
    // A glued label may itself begin a line after a closing mark (`进行：`
    // then `最后是 1,110`): only its inside holds.
    var opening = false
    let scalars = Array(text.unicodeScalars)
    let inWord = wordInteriors(scalars)
    for (index, scalar) in scalars.enumerated() {
      if scalar == "\u{E000}" || scalar == "\u{E001}", glued {
        held = scalar == "\u{E000}"
        opening = held
        continue
      }
      if scalar == " " {
        flushWord()
        afterSpace = true
        continue
      }
      let safe = TextWidth.inert(scalar)
      let cells = TextWidth.of(safe)
      let wide = cells == 2
      // A break may come here when a CJK character meets anything, unless
      // this one closes or the word so far ends with an opener.
      // A no-break space (a number glued to its unit or label) holds both sides.
      let opensWord =
        word.unicodeScalars.last.map { Wrap.openers.contains($0) || $0 == "\u{A0}" } ?? false
      let afterCloser = word.unicodeScalars.last.map { Wrap.closers.contains($0) } ?? false
      let glue =
        safe == "\u{A0}" || (held && !(opening && afterCloser)) || inWord[index]
        || Wrap.particles.contains(safe)
      opening = false
      if !word.isEmpty, !afterSpace, wide || lastWide, !Wrap.closers.contains(safe), !opensWord,
        !glue
      {
        flushWord()
        spaced = false
      }
      if word.isEmpty { spaced = afterSpace || currentWidth == 0 }
      afterSpace = false
      // A word that cannot fit a line of its own is cut where it stops fitting.
      if wordWidth + cells > limit() {
        if currentWidth > 0 { endLine() }
        current = word
        currentWidth = wordWidth
        (word, wordWidth) = ("", 0)
        if currentWidth > 0 { endLine() }
      }
      word.unicodeScalars.append(safe)
      wordWidth += cells
      lastWide = wide
    }
    flushWord()
    if currentWidth > 0 || lines.isEmpty { lines.append(current) }
    return lines
  }
}
