import Foundation
import Synchronization

/// Runs the built `interleave` binary the way a user would, and collects what it prints.
struct Binary {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
    var lines: [String] {
      stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
  }

  /// `.build/<config>/interleave`, beside the test bundle.
  static var url: URL {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    while !FileManager.default.fileExists(
      atPath: directory.appendingPathComponent("interleave").path)
      && directory.path != "/"
    {
      directory.deleteLastPathComponent()
    }
    return directory.appendingPathComponent("interleave")
  }

  /// - Parameter shell: shell commands to run first, in the same process
  ///   (`ulimit -s ...`), before it becomes the binary with `exec`.
  /// - Parameter limit: seconds after which a run still going is killed
  ///   (so a build that never stops fails its test instead of hanging it);
  ///   once the process has ended the kill is called off, so it can never
  ///   hit a later process that reuses the number.
  static func run(
    _ arguments: [String], environment: [String: String] = [:], shell: String? = nil,
    limit: Double? = nil, started: ((Int32) -> Void)? = nil
  ) throws -> Result {
    let process = Process()
    if let shell {
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = ["-c", shell + "; exec \"$0\" \"$@\"", url.path] + arguments
    } else {
      process.executableURL = url
      process.arguments = arguments
    }
    var env = ProcessInfo.processInfo.environment
    // The user's own config file must not change what the tests see.
    env["XDG_CONFIG_HOME"] = "/nonexistent/interleave-tests"
    // Nor may a test write to the user's challenge progress.
    env["XDG_STATE_HOME"] = "/nonexistent/interleave-tests"
    env.merge(environment) { $1 }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    started?(process.processIdentifier)
    let ended = Mutex(false)
    if let limit {
      let pid = process.processIdentifier
      DispatchQueue.global().asyncAfter(deadline: .now() + limit) {
        ended.withLock { if !$0 { kill(pid, SIGKILL) } }
      }
    }
    defer { ended.withLock { $0 = true } }
    // Both pipes at once: a child that fills stderr while we wait on stdout
    // would otherwise block forever.
    let errorReader = PipeReader(err.fileHandleForReading)
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = errorReader.finish()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }
}

/// Reads a pipe to its end on a thread of its own.
///
/// `@unchecked Sendable`: `data` is written by the reading thread before it
/// signals `done` and read only after waiting on `done`.
final class PipeReader: @unchecked Sendable {
  private var data = Data()
  private let done = DispatchSemaphore(value: 0)

  init(_ handle: FileHandle) {
    Thread.detachNewThread { [self] in
      data = handle.readDataToEndOfFile()
      done.signal()
    }
  }

  func finish() -> Data {
    done.wait()
    return data
  }
}
