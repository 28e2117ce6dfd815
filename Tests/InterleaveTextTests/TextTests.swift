import InterleavePlatform
import InterleaveRuntime
import Testing

@testable import InterleaveText

@Suite("Text widths, wrapping and the sanitizer")
struct TextTests {
  @Test("display width counts CJK as two cells")
  func widths() {
    #expect(TextWidth.of("循环线程") == 8)
    #expect(TextWidth.of("Thread-1") == 8)
    #expect(TextWidth.padded("循环线程", to: 10) == "循环线程  ")
    #expect(TextWidth.prefix("循环线程", fitting: 5) == "循环")
  }

  @Test("a name cut to fit keeps its trailing number")
  func abbreviations() {
    #expect(TextWidth.abbreviated("LoopThread-12", to: 9) == "LoopT…-12")
    #expect(TextWidth.abbreviated("LoopThread-1", to: 12) == "LoopThread-1")
    #expect(TextWidth.abbreviated("循环线程-10", to: 8) == "循环…-10")
    #expect(TextWidth.abbreviated("Thread", to: 4) == "Thr…")
  }

  @Test("words wrap by display width")
  func wrapping() {
    #expect(
      Wrap.lines("Thread-1 holds A, waits B", width: 12) == ["Thread-1", "holds A,", "waits B"])
    #expect(Wrap.lines("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
    #expect(Wrap.lines("锁 ab 很好 c", width: 5) == ["锁 ab", "很好", "c"], "CJK counts two cells")
    #expect(Wrap.lines("ab abcdefg h", width: 4) == ["ab", "abcd", "efg", "h"])
    // No Chinese word ends alone on the last line ("起。"): its character
    // before comes along.
    let hung = String(repeating: "中", count: 9) + "挂起。"
    #expect(Wrap.lines(hung, width: 20) == [String(repeating: "中", count: 9), "挂起。"])
    // A closing quote never starts a line (it stays with the word it closes).
    let quoted = String(repeating: "中", count: 8) + "“获取”）之后"
    #expect(
      Wrap.lines(quoted, width: 22).allSatisfy { !$0.hasPrefix("”") },
      "\(Wrap.lines(quoted, width: 22))")
    #expect(Wrap.lines("min 3  max 5", width: 20) == ["min 3  max 5"], "spacing kept when it fits")
    #expect(
      Wrap.hanging("lost update: wrote 8 over Thread-1's 5", width: 20, indent: 2)
        == ["lost update: wrote 8", "  over Thread-1's 5"])
  }

  @Test("Chinese breaks between characters, never before a closing mark or after an opening one")
  func chineseWrapping() {
    // Before: a run of CJK touching a Latin word could only break at spaces,
    // so "用 if 代替 while。被唤醒的" left lines half empty.
    #expect(
      Wrap.lines("用 if 代替 while。被唤醒的消费者不再检查", width: 16)
        == ["用 if 代替", "while。被唤醒的", "消费者不再检查"])
    #expect(Wrap.lines("等待（lock）结束了。", width: 8) == ["等待", "（lock）", "结束了。"])
    #expect(Wrap.lines("一二三。", width: 6) == ["一二", "三。"], "no line starts with 。")
    for line in Wrap.lines(String(repeating: "线程，锁。", count: 20), width: 9) {
      #expect(!line.hasPrefix("，") && !line.hasPrefix("。") && TextWidth.of(line) <= 9)
    }
  }

  @Test("a share that is not zero never reads 0%, and one short of all never reads 100%")
  func percentages() {
    #expect(Format.percent(0) == "0%")
    #expect(Format.percent(1) == "100%")
    #expect(Format.percent(0.45) == "45%")
    #expect(Format.percent(0.0026) == "0.26%")
    #expect(Format.percent(0.000_04) == "<0.01%", "77 contended in millions of calls")
    #expect(Format.percent(0.997) == "99.7%")
    #expect(Format.percent(0.999_96) == ">99.9%")
    // A thread's CPU use: whole percent, a little is "<1%" (no flicker of
    // 0.12% against 0%).
    #expect(Format.cpu(0) == "0%")
    #expect(Format.cpu(0.0012) == "<1%")
    #expect(Format.cpu(0.994) == "99%")
    // A finished full-speed run took milliseconds, not "0.0 s".
    #expect(Format.runTime(4_200_000) == "4.2 ms")
    #expect(Format.runTime(3_200_000_000) == "3.2 s")
  }

  @Test("a line never breaks inside a Chinese word, at any width")
  func chineseWordsStayWhole() {
    // Each split a teacher saw at 80x24 (启/动, 工作线/程, 碰运/气, 消费/者...).
    let text =
      "线程启动之后，当前工作线程各自交给操作系统；只有碰运气才会抹掉顺序，"
      + "其中消费者唤醒所有等待者，第一把锁只能一把一把地进行。"
    let words = [
      "启动", "当前", "工作线程", "各自", "操作系统", "只有", "碰运气", "抹掉", "顺序", "其中",
      "消费者", "唤醒", "所有", "等待者", "只能", "一把", "进行",
    ]
    for width in 8...40 {
      let lines = Wrap.lines(text, width: width)
      #expect(lines.joined() == text, "nothing lost or added at width \(width)")
      for (line, next) in zip(lines, lines.dropFirst()) {
        for word in words {
          for cut in 1..<word.count {
            let head = String(word.prefix(cut))
            let tail = String(word.dropFirst(cut))
            #expect(
              !(line.hasSuffix(head) && next.hasPrefix(tail)),
              "width \(width) breaks \(word): \(line) | \(next)")
          }
        }
      }
    }
    // A particle stays with its word (掩盖了, never 了 starting a line).
    for width in 10...40 {
      for line in Wrap.lines("教程只循环 100 次。竞态只是被掩盖了，并没有消失。", width: width) {
        #expect(!line.hasPrefix("了"), "width \(width)")
      }
    }
    // A glued label and number may begin a line: what comes before it need
    // not go along (`进行：` stays, `最后是 1,110。` goes on).
    let sum = String(repeating: "中", count: 30) + "进行：最后是 1,110。"
    #expect(
      Wrap.lines(sum, width: 70)
        == [String(repeating: "中", count: 30) + "进行：", "最后是 1,110。"])
    // A key stays with its "press" and what it does.
    for width in 14...30 {
      for line in Wrap.lines("全速：不逐步追踪（按 - 放慢）", width: width) {
        #expect(!line.hasSuffix("按") && !line.hasSuffix("-") && line != "放慢）", "\(width)")
      }
    }
    // The last line's lone character brings its whole word along (工作, not 作).
    let orphan = String(repeating: "中", count: 8) + "工作线程起。"
    for width in [18, 20] {
      let lines = Wrap.lines(orphan, width: width)
      #expect(!lines.contains { $0.hasPrefix("程") || $0.hasPrefix("作") }, "\(lines)")
    }
  }

  @Test("wrapping takes time in proportion to the text, even for a megabyte")
  func wrapIsLinear() {
    let words = String(repeating: "word ", count: 200_000)
    let start = MonotonicClock.now()
    let lines = Wrap.lines(words, width: 78)
    #expect(lines.count > 10_000)
    let long = String(repeating: "x", count: 1_000_000)
    #expect(Wrap.lines(long, width: 100).count == 10_000)
    // A loose bound (a quadratic wrap takes minutes here), not a benchmark.
    #expect(MonotonicClock.now() - start < 20_000_000_000)
  }

  @Test("controls, escapes and bidi overrides become visible placeholders")
  func sanitizer() {
    #expect(Sanitizer.line("a\u{1B}[2Jb") == "a␛[2Jb")
    #expect(Sanitizer.line("bell\u{07}") == "bell␇")
    #expect(Sanitizer.line("c1\u{9B}x") == "c1\u{FFFD}x")
    #expect(Sanitizer.line("\u{202E}evil\u{2066}") == "\u{FFFD}evil\u{FFFD}")
    #expect(Sanitizer.line("two\nlines") == "two␊lines")
    #expect(Sanitizer.text("two\nlines\tok") == "two\nlines\tok")
    #expect(Sanitizer.line("中文 and plain") == "中文 and plain")
  }

  @Test("random bytes never leave a control behind, on any path")
  func sanitizerProperty() {
    var generator = SplitMix64(seed: 42)
    for _ in 0..<2_000 {
      let bytes = (0..<Int(generator.next() % 64)).map { _ in
        UInt8(truncatingIfNeeded: generator.next())
      }
      let text = String(decoding: bytes, as: UTF8.self)
      for cleaned in [Sanitizer.line(text), TextWidth.prefix(text, fitting: 200)]
        + Wrap.lines(text, width: 10)
      {
        #expect(
          !cleaned.unicodeScalars.contains {
            $0.value < 0x20 || (0x7F...0x9F).contains($0.value)
              || (0x202A...0x202E).contains($0.value)
              || (0x2066...0x2069).contains($0.value)
          })
      }
      let json = JSONValue.string(text).text
      #expect(
        !json.unicodeScalars.contains { $0.value == 0x1B || (0x80...0x9F).contains($0.value) })
      #expect(!json.contains("\\u001b") && !json.contains("\\u0007"))
    }
  }

  @Test("a number keeps its unit and its label on its line: max 2.10 s, 28%, 9 次 never split")
  func numberAndUnit() {
    #expect(
      Wrap.lines("wait avg 902 ms max 2.10 s", width: 24) == ["wait avg 902 ms", "max 2.10 s"])
    #expect(Wrap.lines("等待 平均 902 ms 最长 2.10 s", width: 26) == ["等待 平均 902 ms", "最长 2.10 s"])
    // A label keeps its number: `step 21)`, never `step` then `21)`.
    #expect(
      Wrap.lines("step 22 over step 21)", width: 18) == ["step 22 over", "step 21)"])
    #expect(Wrap.lines("wait 9 次 · notify 16 次", width: 16) == ["wait 9 次 ·", "notify 16 次"])
    // A word that merely starts like a unit is not glued.
    #expect(Wrap.lines("took 5 steps", width: 6) == ["took 5", "steps"])
  }
}
