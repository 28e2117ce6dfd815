import Foundation
import Testing

@testable import InterleaveTerminal

@Suite("asciicast writer")
struct CastWriterTests {
  static func temporaryPath() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("cast-\(UUID().uuidString).cast")
      .path
  }

  static func lines(_ path: String) throws -> [Any] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
      try JSONSerialization.jsonObject(with: Data($0.utf8))
    }
  }

  @Test("header, output, markers and resizes are one JSON value a line, times never decreasing")
  func validFile() throws {
    let path = Self.temporaryPath()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let cast = try CastWriter(
      path: path, width: 100, height: 30, title: "t", environment: ["TERM": "xterm-256color"])
    cast.output(Array("hello \u{1B}[1mworld\u{1B}[0m\r\n".utf8)[...])
    cast.marker("step 1: 线程")
    cast.resize(width: 120, height: 40)
    cast.output(Array("bye".utf8)[...])
    cast.close()
    let lines = try Self.lines(path)
    let header = try #require(lines.first as? [String: Any])
    #expect(header["version"] as? Int == 2)
    #expect(header["width"] as? Int == 100 && header["height"] as? Int == 30)
    #expect((header["env"] as? [String: String])?["TERM"] == "xterm-256color")
    let events = lines.dropFirst().compactMap { $0 as? [Any] }
    #expect(events.count == 4)
    #expect(events.map { $0[1] as? String } == ["o", "m", "r", "o"])
    #expect(events[0][2] as? String == "hello \u{1B}[1mworld\u{1B}[0m\r\n")
    #expect(events[1][2] as? String == "step 1: 线程")
    #expect(events[2][2] as? String == "120x40")
    let times = events.compactMap { $0[0] as? Double }
    #expect(times == times.sorted())
  }

  @Test("a UTF-8 character split across two reads is never split across two events")
  func utf8Split() throws {
    let path = Self.temporaryPath()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let cast = try CastWriter(path: path, width: 80, height: 24, title: "t", environment: [:])
    let bytes = Array("线程A".utf8)  // 3 + 3 + 1 bytes
    cast.output(bytes[0..<4])  // 线 and the first byte of 程
    cast.output(bytes[4..<7])
    cast.close()
    let events = try Self.lines(path).dropFirst().compactMap { $0 as? [Any] }
    #expect(events.map { $0[2] as? String } == ["线", "程A"])
  }

  @Test("a file cut short is still valid line by line")
  func interrupted() throws {
    let path = Self.temporaryPath()
    defer { try? FileManager.default.removeItem(atPath: path) }
    let cast = try CastWriter(path: path, width: 80, height: 24, title: "t", environment: [:])
    cast.output(Array("abc".utf8)[...])
    // No close(): the process is killed here. Every line written so far parses.
    let lines = try Self.lines(path)
    #expect(lines.count == 2)
    cast.close()
  }

  @Test("whole-character prefixes")
  func completeLength() {
    #expect(CastWriter.completeLength(Array("ab".utf8)) == 2)
    #expect(CastWriter.completeLength(Array("线".utf8).dropLast(1).map { $0 }) == 0)
    #expect(CastWriter.completeLength(Array("a线".utf8).dropLast(2).map { $0 }) == 1)
    #expect(CastWriter.completeLength(Array("😀".utf8)) == 4)
    #expect(CastWriter.completeLength(Array("😀".utf8).dropLast(1).map { $0 }) == 0)
  }
}
