import InterleavePlatform
import InterleaveText

/// An asciicast v2 file read back: its size and its events in order.
public struct CastFile: Sendable {
  public enum Event: Sendable {
    case output(time: Double, bytes: [UInt8])
    case marker(time: Double, label: String)
    case resize(time: Double, width: Int, height: Int)
  }

  public var width: Int
  public var height: Int
  public var events: [Event]

  /// The time of the last event.
  public var duration: Double {
    events.reduce(0) { last, event in
      switch event {
      case .output(let time, _), .marker(let time, _), .resize(let time, _, _):
        return max(last, time)
      }
    }
  }

  /// The largest cast read: a recording of hours is a few tens of MiB.
  public static let sizeLimit = 64 << 20
  /// The largest screen a cast may ask for, either side.
  public static let screenLimit = 1000

  /// Reads and checks `path`; a bad line is named by its number.
  public static func read(_ path: String) throws(SystemError) -> CastFile {
    try parse(try TextFile.read(path, limit: sizeLimit))
  }

  /// Checks and reads a cast's text: the header and every event are JSON,
  /// the screen at most `screenLimit` each way; a bad line is named.
  public static func parse(_ text: String) throws(SystemError) -> CastFile {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
      .filter { !$0.element.allSatisfy { $0 == " " || $0 == "\r" } }[...]
    guard let (_, header) = lines.popFirst(), case .object(let fields)? = JSONParser.parse(header)
    else {
      throw SystemError("line 1: not an asciicast v2 header (not a JSON object)")
    }
    func field(_ name: String) -> Int? {
      fields.first { $0.0 == name }.flatMap {
        if case .int(let value) = $0.1 { value } else { nil }
      }
    }
    guard let width = field("width"), let height = field("height") else {
      throw SystemError("line 1: not an asciicast v2 header (no width and height)")
    }
    try checkSize(width, height, line: 1)
    var events: [Event] = []
    for (offset, line) in lines {
      guard let event = Self.event(line) else {
        throw SystemError("line \(offset + 1): not an asciicast event")
      }
      if case .resize(_, let width, let height) = event {
        try checkSize(width, height, line: offset + 1)
      }
      events.append(event)
    }
    return CastFile(width: width, height: height, events: events)
  }

  static func checkSize(_ width: Int, _ height: Int, line: Int) throws(SystemError) {
    guard (1...screenLimit).contains(width), (1...screenLimit).contains(height) else {
      throw SystemError(
        "line \(line): a \(width)x\(height) screen (at most \(screenLimit)x\(screenLimit))")
    }
  }

  /// `[1.5, "o", "text"]`: a JSON array of a time, a code and its data.
  static func event(_ line: Substring) -> Event? {
    guard case .array(let items)? = JSONParser.parse(line), items.count == 3,
      case .string(let code) = items[1], case .string(let data) = items[2]
    else { return nil }
    let time: Double
    switch items[0] {
    case .int(let value): time = Double(value)
    case .double(let value): time = value
    default: return nil
    }
    guard time.isFinite, time >= 0 else { return nil }
    switch code {
    case "o": return .output(time: time, bytes: Array(data.utf8))
    case "m": return .marker(time: time, label: data)
    case "r":
      let parts = data.split(separator: "x")
      guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]) else {
        return nil
      }
      return .resize(time: time, width: width, height: height)
    default: return .output(time: time, bytes: [])
    }
  }
}
