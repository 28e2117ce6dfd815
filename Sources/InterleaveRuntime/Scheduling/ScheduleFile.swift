import Glibc
import InterleavePlatform

/// The text of a `--schedule-out` file: a header naming the run, then the
/// thread chosen at each step, one per line.
public enum ScheduleFile {
  static let magic = "# interleave schedule v1"
  /// The largest schedule file read (about 8 million steps).
  public static let sizeLimit = 16 << 20

  /// The file's text for a run.
  public static func text(order: [Int], configuration: RunConfiguration) -> String {
    var lines = [header(configuration)]
    lines.reserveCapacity(order.count + 1)
    lines.append(contentsOf: order.map(String.init))
    return lines.joined(separator: "\n") + "\n"
  }

  static func header(_ configuration: RunConfiguration) -> String {
    "\(magic): \(configuration.scenario.id) threads=\(configuration.threads) iterations=\(configuration.iterations)"
  }

  /// Reads a schedule file in pieces, checked line by line against the run
  /// it is for. Lines may end in CRLF.
  /// - Throws: `ScheduleError` naming the line at fault, or why the file
  ///   cannot be read.
  public static func read(_ path: String, for configuration: RunConfiguration)
    throws(ScheduleError) -> [Int]
  {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw ScheduleError(SystemError.errno("cannot read").description)
    }
    defer { close(descriptor) }
    var info = stat()
    if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
      throw ScheduleError("is a folder, not a file")
    }
    var parser = Parser(configuration: configuration)
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    var total = 0
    while true {
      let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw ScheduleError(SystemError.errno("cannot read").description)
      }
      if count == 0 { break }
      total += count
      guard total <= sizeLimit else {
        throw ScheduleError("the file is larger than \(TextFile.size(sizeLimit))")
      }
      try parser.feed(buffer[..<count])
    }
    return try parser.finish()
  }

  /// The thread order in a schedule file's text (see `read`).
  public static func order(from text: String, for configuration: RunConfiguration)
    throws(ScheduleError) -> [Int]
  {
    var parser = Parser(configuration: configuration)
    try parser.feed(ArraySlice(text.utf8))
    return try parser.finish()
  }

  /// A line-by-line reader that never holds more than one line of text.
  struct Parser {
    let configuration: RunConfiguration
    var order: [Int] = []
    var line: [UInt8] = []
    var number = 0
    var sawHeader = false

    init(configuration: RunConfiguration) { self.configuration = configuration }

    mutating func feed(_ bytes: ArraySlice<UInt8>) throws(ScheduleError) {
      for byte in bytes {
        if byte == UInt8(ascii: "\n") {
          try take()
        } else {
          line.append(byte)
          // No valid line is this long: say so before holding more of it.
          if line.count > 4096 {
            throw ScheduleError("line \(number + 1): longer than 4096 bytes")
          }
        }
      }
    }

    mutating func finish() throws(ScheduleError) -> [Int] {
      if !line.isEmpty { try take() }
      guard sawHeader else {
        throw ScheduleError("line 1: not an interleave schedule (no '\(magic)' header)")
      }
      return order
    }

    private mutating func take() throws(ScheduleError) {
      number += 1
      defer { line.removeAll(keepingCapacity: true) }
      if line.last == UInt8(ascii: "\r") { line.removeLast() }
      let text = String(decoding: line, as: UTF8.self).trimmingSpaces
      if text.isEmpty { return }
      if text.hasPrefix("#") {
        guard text.hasPrefix(magic) else { return }
        sawHeader = true
        let expected = header(configuration)
        guard text == expected else {
          throw ScheduleError(
            "line \(number): the schedule is for '\(text.dropFirst(magic.count + 2))', "
              + "not '\(expected.dropFirst(magic.count + 2))'")
        }
        return
      }
      guard let thread = Int(text), (1...configuration.threads).contains(thread) else {
        throw ScheduleError(
          "line \(number): expected a thread number 1...\(configuration.threads), got '\(text.prefix(40))'"
        )
      }
      order.append(thread)
    }
  }
}

extension String {
  fileprivate var trimmingSpaces: String {
    String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
  }
}
