import ArgumentParser
import Glibc

/// The process entry: parse, run, and turn every error into one line and an exit status.
public enum InterleaveMain {
  /// Exit status for bad input (BSD `EX_USAGE`).
  public static let usageError: Int32 = 64

  public static func run(_ arguments: [String]) -> Int32 {
    do {
      var command = try InterleaveCommand.parseAsRoot(arguments)
      try command.run()
      return 0
    } catch let exit as ExitCode {
      // Already reported where it happened.
      return exit.rawValue
    } catch {
      let code = InterleaveCommand.exitCode(for: error)
      if code == .success {
        print(InterleaveCommand.fullMessage(for: error))
        return 0
      }
      let message =
        InterleaveCommand.message(for: error)
        .split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init)
        ?? "\(error)"
      let line = "interleave: error: \(message)\n"
      _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
      return code == .validationFailure ? usageError : code.rawValue
    }
  }
}
