import Foundation
import Testing

@testable import InterleaveContent
@testable import InterleaveDashboard

@Suite("Themes")
struct ThemeTests {
  static let themesFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("themes")

  @Test("the compiled-in themes are exactly the files in themes/ (run scripts/embed-themes.sh)")
  func embeddedMatchFiles() throws {
    for source in BuiltinThemes.sources {
      let file = try String(
        contentsOf: Self.themesFolder.appendingPathComponent("\(source.name).toml"), encoding: .utf8
      )
      #expect(source.text + "\n" == file, "\(source.name).toml differs from the embedded copy")
    }
  }

  @Test("every built-in theme parses and names every role or falls back to default")
  func builtinsParse() throws {
    #expect(ThemeCatalog.builtinNames == ["default", "light", "high-contrast", "mono", "terminal"])
    // Each compiled-in file on its own, so a broken one fails here by name.
    let fallback = try ThemeCatalog.parseBuiltin(BuiltinThemes.sources[0], fallback: nil)
    for source in BuiltinThemes.sources {
      #expect(throws: Never.self, "\(source.name)") {
        try ThemeCatalog.parseBuiltin(source, fallback: fallback)
      }
    }
    for theme in ThemeCatalog.builtins {
      for role in Role.allCases {
        #expect(theme.colors[role] != nil || theme.monochrome, "\(theme.name) lacks \(role)")
      }
    }
    #expect(try ThemeCatalog.load("mono").monochrome)
  }

  @Test("the terminal theme uses only the 16 ANSI colours")
  func terminalTheme() throws {
    let theme = try ThemeCatalog.load("terminal")
    for colors in theme.colors.values {
      for colour in [colors.foreground, colors.background] {
        switch colour {
        case .terminalDefault: break
        case .indexed(let index): #expect(index < 16)
        case .rgb: Issue.record("the terminal theme has an RGB colour")
        }
      }
    }
  }

  @Test("a missing key falls back to default; a given key wins")
  func fallback() throws {
    let theme = try ThemeParser.parse(
      "running = \"red\"\n", file: "mine.toml", fallback: ThemeCatalog.defaultTheme)
    #expect(theme.colors(for: .running).foreground == .indexed(1))
    #expect(theme.colors(for: .waiting) == ThemeCatalog.defaultTheme.colors(for: .waiting))
    #expect(theme.name == "mine")
  }

  @Test(
    "a bad theme names file, line, column and the key at fault",
    arguments: [
      ("name = \"x\"\nrunnig = \"red\"\n", "bad.toml:2:1: unknown key 'runnig'"),
      ("running = \"#12\"\n", "bad.toml:1:1: 'running' must be a colour"),
      ("\n  waiting = 300\n", "bad.toml:2:3: 'waiting' must be a colour"),
      ("text = { fg = \"red\", fgg = \"blue\" }\n", "bad.toml:1:1: unknown field 'fgg' in 'text'"),
      ("monochrome = \"yes\"\n", "bad.toml:1:1: 'monochrome' must be true or false"),
      ("text = \n", "bad.toml:1:"),
      ("[[[", "bad.toml:1:3: expected a key, found '"),
      ("[[:][\n", "bad.toml:1:3: expected a key, found '"),
      ("a = 1\n  [ {.+=1aE[\n", "bad.toml:2:5: expected a key, found '"),
      ("[,1\\]2]\" \t=\\b2'\n", "bad.toml:1:2: expected a key, found '"),
    ])
  func badTheme(text: String, expected: String) {
    #expect {
      _ = try ThemeParser.parse(text, file: "bad.toml", fallback: ThemeCatalog.defaultTheme)
    } throws: { error in
      "\(error)".hasPrefix(expected)
    }
  }

  @Test("brackets in values are not headers")
  func bracketsInValues() throws {
    let text = [
      "a = [", "[1, 2],", "[ \"x\" ],", "]", "b = \"\"\"", "[ { not a header", "\"\"\"",
      "[table]", "c = \"[ {\"", "[[ list ]]", "d = 1",
    ].joined(separator: "\n")
    let table = try TOMLReader.parse(text)
    #expect(table.keys == ["a", "b", "table", "list"])
  }

  @Test("files that are not text are refused with a clear message")
  func binaryFile() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "binary-\(UInt32.random(in: 0...UInt32.max)).toml"
    ).path
    FileManager.default.createFile(atPath: path, contents: Data([0xFF, 0xFE, 0x00, 0x41]))
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect {
      _ = try ThemeCatalog.load(path)
    } throws: { error in
      "\(error)" == "\(path):1:1: not UTF-8 text"
    }
    #expect {
      _ = try ThemeCatalog.load("/nonexistent/x.toml")
    } throws: { error in
      "\(error)".hasPrefix("/nonexistent/x.toml: cannot read")
    }
    #expect {
      _ = try ThemeCatalog.load("sparkly")
    } throws: { error in
      "\(error)".contains("no such theme")
    }
  }

  @Test("colours resolve to the nearest one the terminal has")
  func nearestColours() {
    #expect(
      ThemeColor.rgbOf(index: ThemeColor(parsing: "#ff0000")!.resolved(colors: 256)) == (255, 0, 0))
    #expect(ThemeColor(parsing: "#5fd787")!.resolved(colors: 256) == 78)
    #expect(ThemeColor(parsing: "#ff0000")!.resolved(colors: 16) == 9)
    #expect(ThemeColor(parsing: "#cd0000")!.resolved(colors: 8) == 1)
    #expect(ThemeColor(parsing: "bright-blue")!.resolved(colors: 8) == 4)
    #expect(ThemeColor(parsing: "default")!.resolved(colors: 256) == -1)
    #expect(ThemeColor(parsing: "200")!.resolved(colors: 256) == 200)
    #expect(ThemeColor(parsing: "purple") == nil)
  }
}

@Suite("Theme contrast")
struct ThemeContrastTests {
  @Test("every built-in theme's colours read at 3:1 or better wherever both are known")
  func builtins() {
    for theme in ThemeCatalog.builtins {
      let problems = ThemeContrast.problems(theme)
      #expect(problems.isEmpty, "\(theme.name): \(problems.map { "\($0.role) \($0.ratio)" })")
    }
  }

  @Test("red on red is found, with its ratio")
  func redOnRed() throws {
    let theme = try ThemeParser.parse(
      "caption = { fg = \"red\", bg = \"red\" }\ntext = { fg = \"#777777\", bg = \"#888888\" }\n",
      file: "red.toml", fallback: ThemeCatalog.defaultTheme)
    let problems = ThemeContrast.problems(theme)
    #expect(problems.map(\.role) == [.text, .caption])
    #expect(problems.last?.ratio == 1)
    #expect(ThemeContrast.contrast((0, 0, 0), (255, 255, 255)) > 20.9)
  }
}
