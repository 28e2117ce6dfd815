import Foundation
import InterleaveTestSupport
import Testing

/// What stands at an output's path is never clobbered: a regular file is
/// replaced whole, a FIFO or device is written where it stands, a link is
/// followed, anything else is refused (73); a failed write to stdout is an
/// error (74); two outputs on one file are refused before anything starts.
@Suite("Outputs never clobber")
struct OutputSafetyTests {
  static func folder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "outputs-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static let run = ["race", "--plain", "--iterations", "3", "--seed", "1"]

  static func kind(_ path: String) -> FileAttributeType? {
    (try? FileManager.default.attributesOfItem(atPath: path)[.type]) as? FileAttributeType
  }

  @Test("a symbolic link is followed: its target gets the trace, the link stays a link")
  func linkFollowed() throws {
    let dir = try Self.folder()
    try "old".write(toFile: dir + "/target.json", atomically: false, encoding: .utf8)
    try FileManager.default.createSymbolicLink(
      atPath: dir + "/link.json", withDestinationPath: "target.json")
    let result = try Binary.run(Self.run + ["--trace-out", dir + "/link.json"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(Self.kind(dir + "/link.json") == .typeSymbolicLink)
    let written = try String(contentsOfFile: dir + "/target.json", encoding: .utf8)
    #expect(written.contains("traceEvents"))
  }

  @Test("a FIFO is written in place, and one nobody reads is refused at once with 73")
  func fifo() throws {
    let dir = try Self.folder()
    let fifo = dir + "/pipe"
    #expect(mkfifo(fifo, 0o644) == 0)
    // No reader: refused, and the FIFO is still there.
    let refused = try Binary.run(
      Self.run + ["--trace-out", fifo], shell: "exec timeout -s KILL 30 \"$0\" \"$@\"")
    #expect(refused.status == 73, "\(refused.stderr)")
    #expect(refused.stderr.contains("--trace-out \(fifo): is a FIFO that nobody reads"))
    var info = stat()
    #expect(stat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    // A reader: it gets the whole trace.
    let reader = Thread.detachNewThreadAndRead(fifo)
    // The reader opens first; the run then finds it.
    #expect(Wait.until(10) { reader.opened })
    let written = try Binary.run(Self.run + ["--trace-out", fifo])
    #expect(written.status == 0, "\(written.stderr)")
    #expect(Wait.until(10) { reader.done })
    #expect(reader.text.contains("traceEvents"))
    #expect(stat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
  }

  @Test("a folder, a block device or a link to nothing is refused before the run, 73")
  func refused() throws {
    let dir = try Self.folder()
    try FileManager.default.createSymbolicLink(
      atPath: dir + "/dangling", withDestinationPath: "nowhere")
    for (flag, path, reason) in [
      ("--trace-out", dir, "is a folder"), ("--record", dir, "is a folder"),
      ("--trace-out", dir + "/dangling", "symbolic link to nothing"),
    ] {
      let result = try Binary.run(Self.run + [flag, path])
      #expect(result.status == 73, "\(path): \(result.stderr)")
      #expect(result.stderr.contains(reason), "\(result.stderr)")
      #expect(result.stdout.isEmpty, "nothing ran")
    }
  }

  @Test("a link planted at the old temporary name is never written through")
  func plantedTemporary() throws {
    let dir = try Self.folder()
    try "precious".write(toFile: dir + "/victim", atomically: false, encoding: .utf8)
    // `$$` is the shell's pid, which `exec` hands to interleave: the name
    // the old build wrote its temporary file to.
    let result = try Binary.run(
      Self.run + ["--trace-out", dir + "/o.json"],
      shell: "ln -s \(dir)/victim \(dir)/o.json.tmp-$$")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try String(contentsOfFile: dir + "/victim", encoding: .utf8) == "precious")
    let left = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    #expect(left.filter { $0.hasPrefix(".o.json") }.isEmpty, "no temporary left: \(left)")
  }

  @Test(
    "a failed write to stdout is one line and 74, for every command",
    arguments: [
      ["race", "--plain", "--iterations", "3", "--seed", "1"],
      ["race", "--plain", "--iterations", "3", "--seed", "1", "--format", "jsonl"],
      ["explore", "race"], ["--help"], ["config", "--print"], ["--list-themes"],
    ])
  func stdoutFull(arguments: [String]) throws {
    let result = try Binary.run(arguments, shell: "exec >/dev/full")
    #expect(result.status == 74, "\(arguments): \(result.stderr)")
    #expect(result.stderr.contains("cannot write the output (No space left on device)"))
    let closed = try Binary.run(arguments, shell: "exec >&-")
    #expect(closed.status == 74, "\(arguments) with stdout closed: \(closed.stderr)")
  }

  @Test("two outputs on one file, or an output on an input, are refused before anything starts")
  func twoOnOne() throws {
    let dir = try Self.folder()
    let same = try Binary.run(
      Self.run + ["--trace-out", dir + "/x", "--schedule-out", dir + "/./x"])
    #expect(same.status == 64, "\(same.stderr)")
    #expect(same.stderr.contains("--trace-out uses the same file"))
    #expect(!FileManager.default.fileExists(atPath: dir + "/x"))
    let cast = dir + "/l.cast"
    let recorded = try Binary.run([
      "lesson", "1", "--headless", "--record", cast, "--time-scale", "0.05",
    ])
    #expect(recorded.status == 0, "\(recorded.stderr)")
    let before = try String(contentsOfFile: cast, encoding: .utf8)
    // The same file by another name.
    let other = dir + "/../" + URL(fileURLWithPath: dir).lastPathComponent + "/l.cast"
    let render = try Binary.run(["render", cast, "--svg", other])
    #expect(render.status == 64, "\(render.stderr)")
    #expect(try String(contentsOfFile: cast, encoding: .utf8) == before)
    let lesson = dir + "/my.toml"
    try FileManager.default.copyItem(
      atPath: Repository.path("lessons/01-threads.toml"), toPath: lesson)
    let onItself = try Binary.run(["lesson", lesson, "--headless", "--record", lesson])
    #expect(onItself.status == 64, "\(onItself.stderr)")
    #expect(try String(contentsOfFile: lesson, encoding: .utf8).hasPrefix("# Lesson 1"))
  }

  @Test("--record to a FIFO nobody reads ends at once with 73 instead of blocking in open()")
  func recordFifo() throws {
    let dir = try Self.folder()
    let fifo = dir + "/cast"
    #expect(mkfifo(fifo, 0o644) == 0)
    let result = try Binary.run(
      ["lesson", "1", "--headless", "--record", fifo],
      shell: "exec timeout -s KILL 30 \"$0\" \"$@\"")
    #expect(result.status == 73, "\(result.stderr)")
  }
}

/// Reads a FIFO to its end on a thread of its own.
///
/// `@unchecked Sendable`: every field is read and written with `lock` held.
final class FifoReader: @unchecked Sendable {
  private let lock = NSLock()
  private var openedFlag = false
  private var doneFlag = false
  private var data = Data()

  var opened: Bool { lock.withLock { openedFlag } }
  var done: Bool { lock.withLock { doneFlag } }
  var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }

  func drain(_ path: String) {
    // O_NONBLOCK: the open returns at once, before any writer.
    let descriptor = open(path, O_RDONLY | O_NONBLOCK)
    lock.withLock { openedFlag = true }
    guard descriptor >= 0 else {
      lock.withLock { doneFlag = true }
      return
    }
    defer { close(descriptor) }
    var buffer = [UInt8](repeating: 0, count: 65536)
    var wroteOnce = false
    // Bounded: with no writer in 30 s the test has failed already.
    let start = Date()
    while Date().timeIntervalSince(start) < 30 {
      let count = read(descriptor, &buffer, buffer.count)
      if count > 0 {
        wroteOnce = true
        lock.withLock { data.append(contentsOf: buffer[..<count]) }
      } else if count == 0 && wroteOnce {
        break
      } else {
        // No writer yet (0, or EAGAIN): wait a little for one.
        usleep(2000)
      }
    }
    lock.withLock { doneFlag = true }
  }
}

extension Thread {
  /// A reader of `path`, started on a new thread.
  static func detachNewThreadAndRead(_ path: String) -> FifoReader {
    let reader = FifoReader()
    Thread.detachNewThread { reader.drain(path) }
    return reader
  }
}
