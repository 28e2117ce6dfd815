import ArgumentParser
import Glibc
import InterleavePlatform
import InterleaveProgram

/// A program named on the command line, compiled, or its refusal said as a
/// compiler says it (`FILE.py:LINE:COL: error: ...`) with its status.
enum ProgramFile {
  static func load(_ path: String) throws -> Program {
    do {
      return try ProgramSource.load(path)
    } catch {
      let line = error.atLine ? error.description : "interleave: error: \(error.description)"
      try? FileDescriptor.writeAll(STDERR_FILENO, Array((Sanitizer.line(line) + "\n").utf8))
      throw ExitCode(error.status)
    }
  }
}
