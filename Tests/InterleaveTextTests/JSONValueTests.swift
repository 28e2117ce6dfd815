import Foundation
import Testing

@testable import InterleaveText

@Suite("JSON strings")
struct JSONValueTests {
  @Test("quoting escapes what JSON requires and reads back as the same string")
  func quoteRoundTrip() throws {
    #expect(
      JSONValue.quote("a\"b\\c\nd\te\r\u{1B}[1m\u{7F}") == #""a\"b\\c\nd\te\r\u001b[1m\u007f""#)
    let every = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self) + "线程 é 🧵"
    let quoted = JSONValue.quote(every)
    let back =
      try JSONSerialization.jsonObject(
        with: Data("[\(quoted)]".utf8)) as? [String]
    #expect(back == [every])
  }
}
