import Foundation
import Glibc
import InterleaveContent
import Testing

/// Lessons played headless into asciicast files, checked as a player would read them.
@Suite("Lessons and recordings")
struct LessonRecordingTests {
  static func temporaryPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
      .path
  }

  /// Header and events of a cast, checked for what every player needs.
  static func readCast(_ path: String) throws -> (
    header: [String: Any], events: [(Double, String, String)]
  ) {
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    let header = try #require(
      try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    var events: [(Double, String, String)] = []
    for line in lines.dropFirst() {
      let array = try #require(
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any], "not JSON: \(line)")
      let time = try #require(array[0] as? Double)
      events.append((time, try #require(array[1] as? String), try #require(array[2] as? String)))
    }
    return (header, events)
  }

  /// What a terminal of the cast's size shows at the last marker (the end of
  /// the lesson, before the program leaves the alternate screen): the output
  /// up to there is replayed into tmux.
  static func screenAtLastMarker(_ path: String) throws -> [String] {
    let (header, events) = try readCast(path)
    let end = events.lastIndex { $0.1 == "m" } ?? events.endIndex
    let output = events[..<end].filter { $0.1 == "o" }.map(\.2).joined()
    let raw = temporaryPath("raw")
    try output.write(toFile: raw, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: raw) }
    let tmux = try Tmux(width: header["width"] as! Int, height: header["height"] as! Int)
    // The quotes keep the typed command itself from matching the marker.
    try tmux.type("clear; cat '\(raw)'; echo; echo END-OF-''CAST; sleep 30")
    // The marker line comes after the whole cast has been drawn; then the
    // screen as it was is the rows above it.
    let screen = try tmux.waitFor("END-OF-CAST")
    return screen
  }

  /// Lesson time per real time in the recording tests: a tenth.
  static let scale = 0.1

  @Test(
    "every built-in lesson plays headless in both languages into a valid cast, each caption up for its reading time",
    arguments: LessonCatalog.builtinNames, ["en", "zh"])
  func headlessLesson(name: String, language: String) throws {
    let path = Self.temporaryPath("\(name)-\(language)") + ".cast"
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = try Binary.run([
      "lesson", name, "--headless", "--record", path, "--size", "100x30", "--lang", language,
      "--time-scale", "\(Self.scale)",
    ])
    #expect(result.status == 0, "stderr: \(result.stderr)")
    // One line says where the events went, and they add up (a program
    // lesson's: the steps its threads took).
    #expect(result.stderr.hasPrefix("interleave: recorded \(path): "), "\(result.stderr)")
    let number = { (text: Substring) in Int(text.filter(\.isNumber)) ?? -1 }
    if try LessonCatalog.load(name).runsPrograms {
      let account = try #require(
        result.stderr.firstMatch(
          of: /: \d+ lesson steps, ([\d,]+) steps taken on the program's threads\n$/))
      #expect(number(account.1) > 0)
    } else {
      let account = try #require(
        result.stderr.firstMatch(
          of: /: \d+ runs, ([\d,]+) events \(([\d,]+) received, ([\d,]+) dropped\)\n$/))
      #expect(number(account.1) > 0)
      #expect(number(account.1) == number(account.2) + number(account.3))
    }
    let (header, events) = try Self.readCast(path)
    #expect(header["version"] as? Int == 2)
    #expect(header["width"] as? Int == 100 && header["height"] as? Int == 30)
    #expect(header["timestamp"] is Int && header["title"] is String)
    let times = events.map(\.0)
    #expect(times == times.sorted(), "times go backwards")
    let markers = events.filter { $0.1 == "m" }
    #expect(markers.first?.2.hasPrefix("1/") == true)
    #expect(markers.last?.2 == (language == "zh" ? "课程结束" : "end of lesson"))
    // Every step's caption stays up for its reading time (in lesson time).
    let steps = markers.enumerated().filter { $0.element.2.contains(#/^\d+\/\d+: /#) }
    for (position, marker) in steps {
      let caption = String(marker.2.drop { $0 != " " }.dropFirst())
      let later = markers[(position + 1)...]
      let next = later.first { $0.2.contains(#/^\d+\/\d+: /#) } ?? markers.last
      let shown = (next?.0 ?? times.last ?? 0) - marker.0
      let needed = Double(ReadingTime.of(caption)) / 1e9 * Self.scale
      // The step's clock starts when its marker is in the file (written after
      // whatever output the recorder was writing then).
      #expect(
        shown >= needed - 0.002,
        "\(name) \(language) '\(caption.prefix(30))' up \(shown) s < \(needed) s")
    }
  }

  @Test("a recorded lesson's last caption is on the screen at its end", Tmux.suite)
  func lastCaptionShown() throws {
    let path = Self.temporaryPath("race-shown") + ".cast"
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = try Binary.run([
      "lesson", "race", "--headless", "--record", path, "--size", "100x30", "--lang", "en",
      "--time-scale", "\(Self.scale)",
    ])
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let (_, events) = try Self.readCast(path)
    let lastStep = try #require(events.last { $0.1 == "m" && $0.2.contains(#/^\d+\/\d+: /#) })
    let caption = String(lastStep.2.drop { $0 != " " }.dropFirst())
    let screen = try Self.screenAtLastMarker(path)
    let shown = String(caption.prefix(40))
    #expect(screen.contains { $0.contains(shown) }, "caption \(shown) not on screen: \(screen)")
  }

  @Test(
    "recording the dashboard shows the same screen and leaves a valid cast after q and after SIGTERM",
    Tmux.suite)
  func recordInteractive() throws {
    let path = Self.temporaryPath("live") + ".cast"
    defer { try? FileManager.default.removeItem(atPath: path) }
    let tmux = try Tmux(width: 100, height: 30)
    try tmux.launch("race --threads 2 --speed 40 --record '\(path)'")
    let screen = try tmux.waitFor("steps, newest right")
    #expect(screen.contains { $0.contains("Thread-2") })
    try tmux.keys("3")
    try tmux.waitFor("A lock around change_it()")
    try tmux.keys("q")
    try tmux.waitFor("EXIT=0")
    let (header, events) = try Self.readCast(path)
    #expect(header["width"] as? Int == 100)
    #expect(events.contains { $0.1 == "m" && $0.2 == "scenario locked" })
    #expect(events.contains { $0.1 == "o" && $0.2.contains("Interleave") })
    try tmux.type("stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | sort | tr '\\n' ' '; echo")
    try tmux.waitFor("echo icanon")

    let second = Self.temporaryPath("term") + ".cast"
    defer { try? FileManager.default.removeItem(atPath: second) }
    try tmux.type("clear")
    try tmux.launch("race --threads 2 --speed 43 --record '\(second)'")
    try tmux.waitFor("Thread-2")
    #expect(system("pkill -TERM -f 'interleave race --threads 2 --speed 4[3]'") == 0)
    try tmux.waitFor("EXIT=143")
    let (_, cut) = try Self.readCast(second)
    #expect(cut.contains { $0.1 == "o" })
    try tmux.type(
      "stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | sort | tr '\\n' ' '; echo SA\"\"NE")
    let after = try tmux.waitFor("SANE")
    #expect(after.contains { $0.contains("echo icanon SANE") })
  }

  @Test(
    "bad lesson and recording input: one line, status 64, nothing left behind",
    arguments: [
      (["lesson", "nope"], "no such lesson"),
      (["lesson", "race", "--headless"], "--headless needs --record FILE"),
      (
        ["lesson", "race", "--headless", "--record", "/nonexistent/x.cast"],
        "--record /nonexistent/x.cast: cannot write there"
      ),
      (
        ["lesson", "race", "--headless", "--record", "/tmp/x.cast", "--size", "20x10"],
        "--size must be at least 60x15"
      ),
      (
        ["lesson", "race", "--headless", "--record", "/tmp/x.cast", "--size", "wide"],
        "--size must be WIDTHxHEIGHT"
      ),
    ])
  func badInput(arguments: [String], expected: String) throws {
    let result = try Binary.run(arguments)
    #expect(result.status == 64)
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(result.stderr.contains(expected), "stderr: \(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: "/tmp/x.cast"))
  }

  @Test("a lesson file with an error stops before anything starts, naming file:line:column")
  func badLessonFile() throws {
    let path = Self.temporaryPath("bad") + ".toml"
    defer { try? FileManager.default.removeItem(atPath: path) }
    try "title = \"t\"\n[[steps]]\nwait = \"soon\"\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    let result = try Binary.run(["lesson", path, "--headless", "--record", path + ".cast"])
    #expect(result.status == 64)
    #expect(result.stderr.hasPrefix("interleave: error: \(path):3:1: step 1: 'wait' must be"))
    #expect(!FileManager.default.fileExists(atPath: path + ".cast"))
  }
}
