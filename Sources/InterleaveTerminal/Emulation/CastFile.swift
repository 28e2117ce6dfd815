import InterleavePlatform

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

  /// Reads and checks `path`; a bad line is named by its number.
  public static func read(_ path: String) throws(SystemError) -> CastFile {
    let text = try TextFile.read(path, limit: 1 << 30)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: true)[...]
    guard let header = lines.popFirst(), header.hasPrefix("{"),
      let width = Self.number(after: "\"width\":", in: header),
      let height = Self.number(after: "\"height\":", in: header), width > 0, height > 0
    else {
      throw SystemError("line 1: not an asciicast v2 header (no width and height)")
    }
    var events: [Event] = []
    for (offset, line) in lines.enumerated() {
      guard let event = Self.event(line) else {
        throw SystemError("line \(offset + 2): not an asciicast event")
      }
      events.append(event)
    }
    return CastFile(width: width, height: height, events: events)
  }

  static func number(after key: String, in line: Substring) -> Int? {
    // The key's first occurrence (headers are short: a plain scan will do).
    var rest = line[...]
    while !rest.isEmpty, !rest.hasPrefix(key) { rest = rest.dropFirst() }
    guard !rest.isEmpty else { return nil }
    let digits = rest.dropFirst(key.count).drop { $0 == " " }.prefix { $0.isASCII && $0.isNumber }
    return Int(digits)
  }

  /// `[1.5, "o", "text"]`.
  static func event(_ line: Substring) -> Event? {
    guard line.first == "[", line.last == "]", let comma = line.firstIndex(of: ",") else {
      return nil
    }
    let stamp = line[line.index(after: line.startIndex)..<comma].filter { $0 != " " }
    guard let time = Double(stamp) else {
      return nil
    }
    var rest = line[line.index(after: comma)...].drop { $0 == " " }
    guard rest.count >= 3, rest.first == "\"" else { return nil }
    let code = rest.dropFirst().first
    rest = rest.dropFirst(3).drop { $0 == "," || $0 == " " }
    guard rest.first == "\"", let data = JSONString.decode(rest.dropFirst().dropLast()) else {
      return nil
    }
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

/// A JSON string literal's body (between the quotes, then one `"`) decoded.
enum JSONString {
  static func decode(_ body: Substring) -> String? {
    // The body still ends with the closing quote.
    guard body.last == "\"" else { return nil }
    var scalars = String.UnicodeScalarView()
    var iterator = body.dropLast().unicodeScalars.makeIterator()
    var highSurrogate: UInt32?
    while let scalar = iterator.next() {
      guard scalar == "\\" else {
        scalars.append(scalar)
        continue
      }
      guard let escape = iterator.next() else { return nil }
      switch escape {
      case "n": scalars.append("\n")
      case "r": scalars.append("\r")
      case "t": scalars.append("\t")
      case "b": scalars.append("\u{08}")
      case "f": scalars.append("\u{0C}")
      case "u":
        var value: UInt32 = 0
        for _ in 0..<4 {
          guard let digit = iterator.next(), let nibble = UInt32(String(digit), radix: 16) else {
            return nil
          }
          value = value << 4 | nibble
        }
        if (0xD800...0xDBFF).contains(value) {
          highSurrogate = value
          continue
        }
        if (0xDC00...0xDFFF).contains(value), let high = highSurrogate {
          value = 0x10000 + ((high - 0xD800) << 10) + (value - 0xDC00)
          highSurrogate = nil
        }
        scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
      default: scalars.append(escape)
      }
    }
    return String(scalars)
  }
}
