import ArgumentParser
import CSystem
import Glibc
import InterleaveContent
import InterleavePlatform
import InterleaveText

/// The process entry: parse, run, and turn every error into one line and an exit status.
public enum InterleaveMain {
  /// Exit status for bad input (BSD `EX_USAGE`).
  public static let usageError: Int32 = 64

  /// The subcommands, by name. The root command's optional SCENARIO would
  /// swallow a subcommand's name, so they are dispatched here.
  static let subcommands: [String: any ParsableCommand.Type] = [
    "explore": ExploreCommand.self, "lesson": LessonCommand.self, "config": ConfigCommand.self,
    "render": RenderCommand.self, "run": RunCommand.self, "challenge": ChallengeCommand.self,
  ]

  public static func run(_ arguments: [String]) -> Int32 {
    // Keep large blocks (each run's event ring) in their own mappings, so
    // freeing them returns the memory: after the first such free glibc would
    // otherwise raise its threshold and keep later rings on the heap for good.
    il_set_mmap_threshold(256 * 1024)
    // A file size limit (ulimit -f) makes a write fail with EFBIG, which is
    // reported like any write error, instead of killing the process.
    signal(SIGXFSZ, SIG_IGN)
    // A closed reader is an EPIPE to report (quietly), not a signal that kills.
    signal(SIGPIPE, SIG_IGN)
    return StandardOutput.finish(dispatch(arguments))
  }

  /// Runs the subcommand `arguments` name, or the root command.
  static func dispatch(_ arguments: [String]) -> Int32 {
    // `interleave explore FILE.py` explores a program.
    if arguments.first == "explore", arguments.count > 1, arguments[1].hasSuffix(".py") {
      return run(ProgramExploreCommand.self, Array(arguments.dropFirst()))
    }
    if let name = arguments.first, let command = subcommands[name] {
      return run(command, Array(arguments.dropFirst()))
    }
    // `interleave --lang zh lesson 2`, as the usage line allows: options
    // before the subcommand go after it. (A name that follows an option,
    // `--record lesson`, is that option's value, not a subcommand.)
    if arguments.first?.hasPrefix("-") == true,
      let at = arguments.indices.dropFirst().first(where: {
        subcommands[arguments[$0]] != nil && !arguments[$0 - 1].hasPrefix("-")
      }), let command = subcommands[arguments[at]]
    {
      return run(command, Array(arguments[(at + 1)...] + arguments[..<at]))
    }
    if arguments.first == "help" {
      return help(Array(arguments.dropFirst()))
    }
    // `interleave FILE.py` is `interleave run FILE.py`.
    if let first = arguments.first, first.hasSuffix(".py"), !first.hasPrefix("-") {
      return run(RunCommand.self, arguments)
    }
    return run(InterleaveCommand.self, arguments)
  }

  /// `interleave help [SUBCOMMAND]`: the same text as `--help`.
  static func help(_ arguments: [String]) -> Int32 {
    guard let name = arguments.first else {
      print(InterleaveCommand.helpMessage())
      return 0
    }
    if name == "programs" {
      print(HelpWrap.wrapped(ProgramHelp.text))
      return 0
    }
    if name == "figures" {
      // In the language the dashboard would speak: --lang, else LANG.
      var language =
        ConfigFile.settings.language ?? Language.fromEnvironment(Environment.current)
      if let at = arguments.firstIndex(of: "--lang"), at + 1 < arguments.count {
        guard let chosen = Language(rawValue: arguments[at + 1]) else {
          notice("error: --lang must be en or zh (got '\(arguments[at + 1])')")
          return usageError
        }
        language = chosen
      }
      print(HelpWrap.wrapped(FiguresHelp.text(language.strings)))
      return 0
    }
    guard let command = subcommands[name] else {
      notice(
        "error: no such command '\(name)' (commands: run, explore, lesson, config, render; "
          + "topics: programs, figures)")
      return usageError
    }
    print(InterleaveCommand.helpMessage(for: command))
    return 0
  }

  static func run(_ type: any ParsableCommand.Type, _ arguments: [String]) -> Int32 {
    // Help and the version are printed without parsing the rest (which would build the
    // option tree twice over, half of `--help`'s start-up); a subcommand's
    // as `interleave SUBCOMMAND`, since it is parsed on its own.
    if arguments.contains(where: { $0 == "--help" || $0 == "-h" }) {
      print(
        type == InterleaveCommand.self
          ? InterleaveCommand.helpMessage() : InterleaveCommand.helpMessage(for: type))
      return 0
    }
    let version = InterleaveCommand.configuration.version
    if type == InterleaveCommand.self, arguments.contains("--version"), !version.isEmpty {
      print(version)
      return 0
    }
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
      // An ExitCode thrown while validating was reported where it was thrown.
      let message = type.message(for: error)
      if !message.isEmpty { notice("error: " + oneLine(message)) }
      return code == .validationFailure ? usageError : code.rawValue
    }
  }

  /// An argument parser message on one line: a list of accepted values that
  /// follows on the next lines is folded into it.
  static func oneLine(_ message: String) -> String {
    let lines = message.split(separator: "\n", omittingEmptySubsequences: true)
    guard let first = lines.first else { return message }
    let values = lines.dropFirst().prefix { $0.hasPrefix("  - ") }.map { $0.dropFirst(4) }
    guard !values.isEmpty, first.hasSuffix(" of the following:") else { return String(first) }
    return first.dropLast(" the following:".count) + ": " + values.joined(separator: ", ") + "."
  }

  /// Writes `interleave: <text>` to stderr, made safe for a terminal.
  static func notice(_ text: String) {
    let line = "interleave: " + Sanitizer.line(text) + "\n"
    try? FileDescriptor.writeAll(STDERR_FILENO, Array(line.utf8))
  }
}
