import Foundation
import Glibc
import InterleaveTestSupport
import Testing

/// Recordings that never claim more than they hold, and never carry a
/// command to the terminal of whoever plays them.
@Suite("Recordings that never lie")
struct RecordingReliabilityTests {
  static func temporaryPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
      .path
  }

  /// Every line of the file, checked to be whole JSON.
  static func validLines(_ path: String) throws -> [Any] {
    let data = try #require(FileManager.default.contents(atPath: path))
    #expect(data.last == 0x0A, "the file ends with a whole line")
    return try String(decoding: data, as: UTF8.self).split(separator: "\n").map {
      try JSONSerialization.jsonObject(with: Data($0.utf8))
    }
  }

  @Test(
    "a write that fails mid-recording: exit 74, one line naming the file, the cast whole to its last line"
  )
  func fullFile() throws {
    let path = Self.temporaryPath("limited") + ".cast"
    defer { try? FileManager.default.removeItem(atPath: path) }
    // A 12 KiB file size limit stands in for a full disk: writes fail
    // (EFBIG). It is set once the recording has begun, from outside: under
    // ThreadSanitizer the sanitizer's own start-up dies under such a limit.
    let result = try Binary.run(
      ["lesson", "1", "--headless", "--record", path, "--size", "200x60", "--time-scale", "0.2"]
    ) { pid in
      #expect(Wait.until(10) { FileManager.default.fileExists(atPath: path) })
      // prlimit(1), util-linux: essential on Debian.
      #expect(system("prlimit --pid \(pid) --fsize=12288:12288") == 0)
    }
    #expect(result.status == 74)
    #expect(
      result.stderr
        == "interleave: error: --record \(path): cannot write (File too large); the recording ends at its last whole line\n"
    )
    let lines = try Self.validLines(path)
    #expect(lines.count > 2)
    #expect(!result.stderr.contains("recorded "), "no claim of a whole recording")
  }

  @Test("--record /dev/full fails at once with exit 74")
  func devFull() throws {
    let result = try Binary.run(["lesson", "1", "--headless", "--record", "/dev/full"])
    #expect(result.status == 74)
    #expect(
      result.stderr
        == "interleave: error: --record /dev/full: cannot write (No space left on device)\n")
  }

  @Test("a second recorder of the same file is refused, and the first one's file stays whole")
  func secondRecorder() throws {
    let path = Self.temporaryPath("shared") + ".cast"
    defer { try? FileManager.default.removeItem(atPath: path) }
    let first = Process()
    first.executableURL = Binary.url
    first.arguments = ["lesson", "1", "--headless", "--record", path]
    first.standardError = FileHandle.nullDevice
    try first.run()
    defer { if first.isRunning { first.terminate() } }
    #expect(
      Wait.until(10) {
        (try? String(contentsOfFile: path, encoding: .utf8))?.contains("\"m\"") == true
      })
    let second = try Binary.run(["lesson", "2", "--headless", "--record", path])
    #expect(second.status == 64)
    #expect(
      second.stderr
        == "interleave: error: --record \(path): another interleave is recording to it\n")
    first.terminate()
    first.waitUntilExit()
    #expect(first.terminationStatus == 143)
    let lines = try Self.validLines(path)
    #expect((lines.first as? [String: Any])?["title"] as? String == "Threads: start, run, join")
  }

  @Test("--record where no dashboard can run is refused, not dropped")
  func recordWithoutDashboard() throws {
    let path = Self.temporaryPath("piped") + ".cast"
    let result = try Binary.run(["race", "--record", path])
    #expect(result.status == 64)
    #expect(
      result.stderr
        == "interleave: error: --record \(path): stdout is not a terminal, so there is no dashboard to record\n"
    )
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  @Test("a lesson's title and captions reach the cast's header and markers inert")
  func inertMarkers() throws {
    let lesson = Self.temporaryPath("hostile") + ".toml"
    let path = lesson + ".cast"
    defer {
      try? FileManager.default.removeItem(atPath: lesson)
      try? FileManager.default.removeItem(atPath: path)
    }
    let evil = #"\u001b]52;c;SGVsbG8=\u0007 \u001b]0;owned\u0007 \u001b[2J \u009b \u202eevil"#
    try """
    title = "title \(evil)"
    [[steps]]
    scenario = "race"
    threads = 2
    iterations = 3
    seed = 2
    speed = 20
    caption = "caption \(evil)"
    wait = "finished"
    """.write(toFile: lesson, atomically: true, encoding: .utf8)
    let result = try Binary.run([
      "lesson", lesson, "--headless", "--record", path, "--time-scale", "0.05",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = try Self.validLines(path)
    let header = try #require(lines.first as? [String: Any])
    var texts = [try #require(header["title"] as? String)]
    for case let event as [Any] in lines.dropFirst() where event[1] as? String == "m" {
      texts.append(try #require(event[2] as? String))
    }
    #expect(texts.count >= 2)
    for text in texts {
      #expect(
        !text.unicodeScalars.contains {
          $0.value < 0x20 || (0x7F...0x9F).contains($0.value)
            || (0x202A...0x202E).contains($0.value)
        }, "\(text)")
    }
    let output = lines.dropFirst().compactMap {
      ($0 as? [Any]).flatMap { $0[1] as? String == "o" ? $0[2] as? String : nil }
    }.joined()
    #expect(
      !output.contains("\u{1B}]52") && !output.contains("\u{1B}]0;owned")
        && !output.contains("\u{202E}"))
  }

  @Test("an error message quoting a bad schedule file shows its escapes inert")
  func inertErrors() throws {
    let path = Self.temporaryPath("evil") + ".schedule"
    defer { try? FileManager.default.removeItem(atPath: path) }
    try
      "# interleave schedule v1: race threads=2 iterations=1\n\u{1B}]52;c;SGVsbG8=\u{07}\u{1B}[2J\n"
      .write(toFile: path, atomically: true, encoding: .utf8)
    let result = try Binary.run([
      "race", "--threads", "2", "--iterations", "1", "--schedule-in", path,
    ])
    #expect(result.status == 64)
    #expect(!result.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    #expect(result.stderr.contains("got '␛]52;c;SGVsbG8=␇␛[2J'"), "\(result.stderr)")
  }
}
