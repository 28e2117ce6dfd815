import ArgumentParser
import CSystem
import Glibc

/// The process entry: parse, run, and turn every error into one line and an exit status.
public enum InterleaveMain {
  /// Exit status for bad input (BSD `EX_USAGE`).
  public static let usageError: Int32 = 64

  public static func run(_ arguments: [String]) -> Int32 {
    // Keep large blocks (each run's event ring) in their own mappings, so
    // freeing them returns the memory: after the first such free glibc would
    // otherwise raise its threshold and keep later rings on the heap for good.
    il_set_mmap_threshold(256 * 1024)
    // The root command's optional SCENARIO would swallow a subcommand's
    // name, so `explore` and `lesson` are dispatched here.
    switch arguments.first {
    case "explore": return run(ExploreCommand.self, Array(arguments.dropFirst()))
    case "lesson": return run(LessonCommand.self, Array(arguments.dropFirst()))
    default: break
    }
    return run(InterleaveCommand.self, arguments)
  }

  static func run<Command: ParsableCommand>(_ type: Command.Type, _ arguments: [String]) -> Int32 {
    do {
      var command = try type.parseAsRoot(arguments)
      try command.run()
      return 0
    } catch let exit as ExitCode {
      // Already reported where it happened.
      return exit.rawValue
    } catch {
      let code = type.exitCode(for: error)
      if code == .success {
        print(type.fullMessage(for: error))
        return 0
      }
      let message =
        type.message(for: error)
        .split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init)
        ?? "\(error)"
      let line = "interleave: error: \(message)\n"
      _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
      return code == .validationFailure ? usageError : code.rawValue
    }
  }
}
