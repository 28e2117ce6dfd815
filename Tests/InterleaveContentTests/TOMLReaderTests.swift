import Testing

@testable import InterleaveContent

/// The TOML reader: what lessons, themes and config files are written in.
@Suite("TOML reader")
struct TOMLReaderTests {
  @Test("keys, strings of every kind, numbers, booleans, arrays, inline tables, tables")
  func values() throws {
    let table = try TOMLReader.parse(
      #"""
      # a comment
      title = "t \"q\" \u00e9 \n"   # after
      literal = 'C:\path'
      "quoted key" = 1_000
      hex = 0xff
      neg = -42
      pi = 3.14
      big = 6e2
      yes = true
      list = [ 1, 2,
        3, # inside
      ]
      colour = { fg = "red", bg = 'blue' }
      dotted.a.b = "deep"
      multi = """
      one
      two \
         three"""
      raw = '''
      kept\n'''

      [table]
      x = 1
      [table.sub]
      y = 2
      [[steps]]
      n = 1
      [[steps]]
      n = 2
      """#)
    #expect(
      table.keys == [
        "title", "literal", "quoted key", "hex", "neg", "pi", "big", "yes", "list", "colour",
        "dotted", "multi", "raw", "table", "steps",
      ])
    #expect(table["title"]?.string == "t \"q\" é \n")
    #expect(table["literal"]?.string == #"C:\path"#)
    #expect(table["quoted key"]?.int == 1000)
    #expect(table["hex"]?.int == 255 && table["neg"]?.int == -42)
    #expect(table["pi"]?.double == 3.14 && table["big"]?.double == 600)
    #expect(table["yes"]?.bool == true)
    #expect(table["list"]?.array?.compactMap(\.int) == [1, 2, 3])
    #expect(table["colour"]?.table?["bg"]?.string == "blue")
    #expect(table["dotted"]?.table?["a"]?.table?["b"]?.string == "deep")
    #expect(table["multi"]?.string == "one\ntwo three")
    #expect(table["raw"]?.string == #"kept\n"#)
    #expect(table["table"]?.table?["sub"]?.table?["y"]?.int == 2)
    #expect(table["steps"]?.array?.compactMap { $0.table?["n"]?.int } == [1, 2])
    let yes = try #require(table.position(of: "yes"))
    #expect(yes.line == 9 && yes.column == 1)
    let bg = try #require(table["colour"]?.table?.position(of: "bg"))
    #expect(bg.line == 13 && bg.column == 24)
  }

  @Test(
    "mistakes are refused at their line and column",
    arguments: [
      ("a = 1\na = 2\n", "2:1: duplicate key 'a'"),
      ("a = \"open\n", "1:10: a one-line string cannot hold a line break"),
      ("a = 1 2\n", "1:7: expected the end of the line, found '2'"),
      ("= 1\n", "1:1: expected a key, found '='"),
      ("a 1\n", "1:3: expected '=' after the key"),
      ("a = [1, 2\n", "2:1: the array is not closed with ']'"),
      ("a = { b = 1\n", "1:12: expected ',' or '}' in the inline table, found '\n'"),
      ("a = \"\\q\"\n", "1:6: unknown escape '\\q'"),
      ("a = 1979-05-27\n", "1:5: dates and times are not supported here"),
      // 20,000 dotted parts took 6.5 s and 3.1 GB: refused at the 129th.
      (
        "a" + String(repeating: ".a", count: 20_000) + " = 1\n",
        "1:257: a key nested more than 128 deep"
      ),
      (
        "[" + String(repeating: "a.", count: 20_000) + "a]\n",
        "1:258: a key nested more than 128 deep"
      ),
      (
        "a = nope\n",
        "1:5: expected a value (a \"string\", a number, true, false, [ ] or { }), found 'nope'"
      ),
      ("[a]\n[a]\n", "2:1: table 'a' is defined twice"),
      ("a = 1\n[a]\n", "2:1: 'a' is already a value, not a table"),
      ("[[s]\n", "1:4: expected ']]' to end the table header"),
      ("[ {\n", "1:3: expected a key, found '{'"),
      (
        "a = 012\n",
        "1:5: expected a value (a \"string\", a number, true, false, [ ] or { }), found '012'"
      ),
      (
        "a = 1__0\n",
        "1:5: expected a value (a \"string\", a number, true, false, [ ] or { }), found '1__0'"
      ),
    ])
  func mistakes(text: String, expected: String) {
    #expect {
      _ = try TOMLReader.parse(text)
    } throws: { error in
      "\(error)" == expected
    }
  }

  @Test("nesting is bounded: 5,000 brackets are an error, not a crash")
  func deepNesting() {
    let text = "a = " + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)
    #expect {
      _ = try TOMLReader.parse(text)
    } throws: { error in
      "\(error)" == "1:133: values nested more than 128 deep"
    }
  }
}
