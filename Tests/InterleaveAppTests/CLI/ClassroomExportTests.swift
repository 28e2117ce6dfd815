import Foundation
import Glibc
import InterleaveContent
import InterleaveDashboard
import InterleaveExport
import InterleaveRuntime
import InterleaveText
import Testing

/// Pictures for slides and captions as subtitles, as a teacher would make them.
@Suite("Classroom exports")
struct ClassroomExportTests {
  static let rsvgAvailable = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(
    separator: ":"
  ).contains { FileManager.default.isExecutableFile(atPath: "\($0)/rsvg-convert") }
  /// CI installs librsvg2-bin and sets this: there a missing renderer fails.
  static let rsvgRequired = ProcessInfo.processInfo.environment["INTERLEAVE_REQUIRE_RSVG"] == "1"

  static func folder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "exports-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// The text an SVG picture puts in each row, cell by cell: every `<text>`
  /// spread over the cells its `textLength` covers.
  static func rows(ofSVG svg: String, width: Int, height: Int) -> [String] {
    var grid = Array(repeating: Array(repeating: " ", count: width), count: height)
    let pattern = #/<text x="(\d+)" y="(\d+)" textLength="(\d+)"[^>]*>([^<]*)</text>/#
    for match in svg.matches(of: pattern) {
      let column = Int(match.1)! / SVGFrame.cellWidth
      let row = Int(match.2)! / SVGFrame.cellHeight
      let cells = Int(match.3)! / SVGFrame.cellWidth
      let text = String(match.4).replacingOccurrences(of: "&lt;", with: "<")
        .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
      let glyphs = text.map(String.init)
      if glyphs.count == 1, cells == 2 {
        grid[row][column] = glyphs[0]
        grid[row][column + 1] = ""
      } else {
        for (offset, glyph) in glyphs.enumerated() where glyph != " " {
          grid[row][column + offset] = glyph
        }
      }
    }
    return grid.map { $0.joined() }
  }

  @Test(
    "an SVG still holds the screen's text cell for cell, CJK wide cells included",
    arguments: [Language.en, .zh])
  func still(language: Language) throws {
    let harness = SessionHarness(.race, language: language, seed: 4, steady: true)
    let canvas = try #require(harness.frame(showing: "Thread-2"))
    _ = harness.quit()
    let svg = SVGFrame.render(canvas, theme: ThemeCatalog.builtins[0])
    let rows = Self.rows(ofSVG: svg, width: canvas.width, height: canvas.height)
    let expected = canvas.lines
    for row in [0, 1, 2, canvas.height - 3, canvas.height - 1] {
      #expect(rows[row] == expected[row], "row \(row)")
    }
  }

  @Test(
    "rsvg-convert draws the SVG still at the cell grid's size",
    .enabled(
      if: rsvgAvailable || rsvgRequired,
      "rsvg-convert is not installed: the SVG drawing test is skipped (apt-get install librsvg2-bin)"
    ))
  func drawn() throws {
    let harness = SessionHarness(.race, language: .zh, seed: 4, steady: true)
    let canvas = try #require(harness.frame(showing: "Thread-2"))
    _ = harness.quit()
    let svg = SVGFrame.render(canvas, theme: ThemeCatalog.builtins[0])
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(FileManager.default.createFile(atPath: "\(folder)/still.svg", contents: Data(svg.utf8)))
    #expect(system("rsvg-convert '\(folder)/still.svg' -o '\(folder)/still.png'") == 0)
    let png = try #require(FileManager.default.contents(atPath: "\(folder)/still.png"))
    // PNG: width and height are big-endian at bytes 16 and 20 of the IHDR chunk.
    let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
    let height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
    #expect(width == canvas.width * SVGFrame.cellWidth)
    #expect(height == canvas.height * SVGFrame.cellHeight)
  }

  /// `hh:mm:ss.ttt` in seconds.
  static func seconds(_ stamp: Substring) -> Double? {
    let parts = stamp.split(separator: ":")
    guard parts.count == 3, let h = Double(parts[0]), let m = Double(parts[1]),
      let s = Double(parts[2])
    else { return nil }
    return h * 3600 + m * 60 + s
  }

  @Test(
    "--captions writes WebVTT in both languages: cue times increase within the cast, the zh file holds the Chinese captions; --snapshot-at saves a picture per step"
  )
  func captionsAndSnapshots() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try Binary.run([
      "lesson", "02-race", "--headless", "--record", "\(folder)/race.cast", "--captions",
      "\(folder)/race.vtt", "--snapshot-at", "marker", "--size", "80x24", "--time-scale", "0.1",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let cast = try String(contentsOfFile: "\(folder)/race.cast", encoding: .utf8)
    let castEnd = try #require(
      cast.split(separator: "\n").last.flatMap { line in
        line.dropFirst().split(separator: ",").first.flatMap { Double($0) }
      })
    let lesson = try LessonCatalog.load("02-race")
    for language in Language.allCases {
      let text = try String(
        contentsOfFile: "\(folder)/race.\(language.rawValue).vtt", encoding: .utf8)
      #expect(text.hasPrefix("WEBVTT\n\n"))
      let blocks = text.components(separatedBy: "\n\n").dropFirst()
      var last = 0.0
      var captions: [String] = []
      for block in blocks {
        let lines = block.split(separator: "\n")
        #expect(lines.count == 3, "\(block)")
        let times = lines[1].split(separator: " ")
        #expect(times.count == 3 && times[1] == "-->")
        let start = try #require(Self.seconds(times[0]))
        let end = try #require(Self.seconds(times[2]))
        #expect(start >= last && end > start && end <= castEnd + 0.001)
        last = end
        captions.append(String(lines[2]))
      }
      #expect(captions == lesson.steps.compactMap { $0.caption?.text(language) })
    }
    for step in 1...lesson.steps.count {
      #expect(FileManager.default.fileExists(atPath: "\(folder)/race-step-0\(step).svg"))
    }
  }

  @Test("--captions and --snapshot-at without --record are refused before anything starts")
  func refusals() throws {
    let captions = try Binary.run(["lesson", "1", "--headless", "--captions", "x.vtt"])
    #expect(captions.status == 64)
    #expect(captions.stderr.contains("--captions needs --record FILE"))
    let moment = try Binary.run(["lesson", "1", "--record", "x.cast", "--snapshot-at", "end"])
    #expect(moment.status == 64)
    #expect(moment.stderr.contains("--snapshot-at must be marker or finished (got 'end')"))
  }

  @Test("cue text cannot end its cue or open a tag")
  func cueText() {
    let cues = [CaptionTrack.Cue(start: 1.5, end: 3_723.25, text: "a --> b <i>\u{1b}[2J")]
    #expect(
      CaptionTrack.webVTT(cues)
        == "WEBVTT\n\n1\n00:00:01.500 --> 01:02:03.250\na --&gt; b &lt;i&gt;␛[2J\n")
  }
}

/// `--trace-out`: a run as Trace Event Format, for Perfetto and chrome://tracing.
@Suite("Trace export")
struct TraceExportTests {
  static func trace(_ arguments: [String]) throws -> (
    events: [[String: Any]], other: [String: Any], stdout: String
  ) {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "trace-\(UUID().uuidString).json"
    ).path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = try Binary.run(arguments + ["--plain", "--trace-out", path])
    #expect(result.status == 0, "\(result.stderr)")
    let data = try #require(FileManager.default.contents(atPath: path))
    let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let events = try #require(document["traceEvents"] as? [[String: Any]])
    return (events, document["otherData"] as? [String: Any] ?? [:], result.stdout)
  }

  @Test(
    "a seeded race: every event has ph, ts, pid, tid; each thread named; one flow pair per lost update"
  )
  func seededRace() throws {
    let (events, other, stdout) = try Self.trace([
      "race", "--seed", "4", "--iterations", "3", "--threads", "2",
    ])
    for event in events {
      #expect(["ph", "ts", "pid", "tid"].allSatisfy { event[$0] != nil }, "\(event)")
    }
    let names = events.filter {
      $0["ph"] as? String == "M" && $0["name"] as? String == "thread_name"
    }
    .compactMap { ($0["args"] as? [String: Any])?["name"] as? String }
    #expect(names == ["MainThread", "Thread-1", "Thread-2"])
    let lost = stdout.split(separator: "\n").filter { $0.contains(" lost update: ") }.count
    #expect(lost == 5)
    let starts = events.filter { $0["ph"] as? String == "s" }
    let finishes = events.filter { $0["ph"] as? String == "f" }
    #expect(starts.count == lost && finishes.count == lost)
    #expect(
      Set(starts.compactMap { $0["id"] as? Int }) == Set(finishes.compactMap { $0["id"] as? Int }))
    // Each arrow goes from one thread's write to the other's.
    for (start, finish) in zip(starts, finishes) {
      #expect(start["tid"] as? Int != finish["tid"] as? Int)
    }
    #expect(events.contains { $0["ph"] as? String == "C" && $0["name"] as? String == "balance" })
    #expect(other["traced"] as? Bool == true)
  }

  @Test("locks give hold and wait slices; a full-speed run says it was only sampled")
  func locksAndFullSpeed() throws {
    let locked = try Self.trace(["locked", "--seed", "2", "--iterations", "3"]).events
    #expect(locked.contains { $0["ph"] as? String == "X" && $0["name"] as? String == "hold lock" })
    let full = try Self.trace(["race", "--speed", "full", "--iterations", "100000"])
    #expect(full.other["traced"] as? Bool == false)
    #expect((full.other["note"] as? String)?.contains("sampled") == true)
  }
}

/// `interleave render FILE.cast --svg OUT.svg`: a recording as an animated SVG.
@Suite("Animated SVG")
struct AnimatedSVGTests {
  @Test(
    "the race lesson as an animated SVG: under 1 MB a minute, its poster the screen of step 1 as the lesson drew it"
  )
  func raceLesson() throws {
    let folder = try ClassroomExportTests.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let recorded = try Binary.run([
      "lesson", "02-race", "--headless", "--record", "\(folder)/race.cast", "--snapshot-at",
      "marker", "--size", "80x24", "--time-scale", "0.2",
    ])
    #expect(recorded.status == 0, "\(recorded.stderr)")
    let rendered = try Binary.run([
      "render", "\(folder)/race.cast", "--svg", "\(folder)/race.svg", "--idle-limit", "2",
    ])
    #expect(rendered.status == 0, "\(rendered.stderr)")
    let svg = try String(contentsOfFile: "\(folder)/race.svg", encoding: .utf8)
    let cast = try String(contentsOfFile: "\(folder)/race.cast", encoding: .utf8)
    let seconds = try #require(
      cast.split(separator: "\n").last.flatMap { line in
        line.dropFirst().split(separator: ",").first.flatMap { Double($0) }
      })
    let perMinute = Double(svg.utf8.count) / max(1, seconds) * 60
    #expect(perMinute < 1_000_000, "\(svg.utf8.count) bytes for \(seconds) s")
    #expect(svg.contains("@keyframes play"))
    // The poster (what a renderer without animation shows, a second into
    // step 1) against the dashboard's own picture of step 1's end: the
    // caption rows agree, and both footers name the lesson step (the one
    // offers "space pause", the other, paused, "space run").
    let poster = try #require(Self.posterRows(svg))
    let still = try String(contentsOfFile: "\(folder)/race-step-01.svg", encoding: .utf8)
    let rows = ClassroomExportTests.rows(ofSVG: still, width: 80, height: 24)
    for row in 20...22 {
      #expect(poster[row] == rows[row], "row \(row)")
    }
    let first = "1/\(try LessonCatalog.load("02-race").steps.count)"
    #expect(poster[23].contains("space pause") && poster[23].contains(first), "\(poster[23])")
    #expect(rows[23].contains("space run") && rows[23].contains(first), "\(rows[23])")
    #expect(rows[20...22].joined().contains("No lock"))
    guard ClassroomExportTests.rsvgAvailable || ClassroomExportTests.rsvgRequired else { return }
    #expect(system("rsvg-convert '\(folder)/race.svg' -o '\(folder)/race.png'") == 0)
    #expect(FileManager.default.fileExists(atPath: "\(folder)/race.png"))
  }

  /// The poster frame's rows: the film's offset names the frame; its rows
  /// are `<use>`s of row definitions.
  static func posterRows(_ svg: String) -> [String]? {
    guard let offset = svg.firstMatch(of: #/<g id="film" transform="translate\(-(\d+),0\)"/#),
      let shift = Int(offset.1)
    else { return nil }
    var definitions: [String: String] = [:]
    for match in svg.matches(of: #/<g id="(r\d+)">\n((?:[^<]|<(?!/g>))*)</g>/#) {
      definitions[String(match.1)] = String(match.2)
    }
    guard
      let frame = svg.firstMatch(
        of: try! Regex("<g transform=\"translate\\(\(shift),0\\)\">([^\\n]*)</g>"))
    else { return nil }
    let uses = String(frame.output[1].substring ?? "")
    var rows = Array(repeating: String(repeating: " ", count: 80), count: 24)
    for use in uses.matches(of: #/<use href="#(r\d+)" y="(\d+)"/>/#) {
      let row = Int(use.2)! / SVGFrame.cellHeight
      let body = definitions[String(use.1)] ?? ""
      let placed = body.replacingOccurrences(
        of: " y=\"13\"", with: " y=\"\(row * SVGFrame.cellHeight + 13)\"")
      rows[row] = ClassroomExportTests.rows(ofSVG: placed, width: 80, height: 24)[row]
    }
    return rows
  }
}

extension AnimatedSVGTests {
  @Test("render refuses a missing file and a line that is not a cast event, naming them")
  func badCasts() throws {
    let missing = try Binary.run(["render", "/nonexistent/x.cast", "--svg", "/tmp/never.svg"])
    #expect(missing.status == 64)
    #expect(missing.stderr.hasPrefix("interleave: error: /nonexistent/x.cast: "))
    let folder = try ClassroomExportTests.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let bad = "\(folder)/bad.cast"
    #expect(
      FileManager.default.createFile(
        atPath: bad,
        contents: Data(
          "{\"version\": 2, \"width\": 80, \"height\": 24}\n[0.1, \"o\", \"hi\"]\nnope\n".utf8)))
    let result = try Binary.run(["render", bad, "--svg", "\(folder)/out.svg"])
    #expect(result.status == 64)
    #expect(result.stderr == "interleave: error: \(bad): line 3: not an asciicast event\n")
    #expect(!FileManager.default.fileExists(atPath: "\(folder)/out.svg"))
  }
}
