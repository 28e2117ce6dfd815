import Glibc
import InterleavePlatform

/// A program run on real OS threads to its end, as `python3 FILE.py` runs it.
public struct ProgramRun: Sendable {
  /// How a run ended.
  public struct Result: Sendable {
    /// The main thread's uncaught error (Python exits 1).
    public var mainError: PythonError?
    /// Every thread that ended with an error, by name.
    public var threadErrors: [(String, PythonError)]
    /// The final value of every global that holds data, by name.
    public var globals: [(String, Value)]
    /// Stopped before its end (a quit, or a deadlock).
    public var cancelled: Bool
    /// The deadlock that ended it: who waits where.
    public var deadlock: String?

    /// The outcome as the explorer names it (`balance -8`, `IndexError in
    /// Thread-2`), for comparing a replay with its prediction.
    public var outcome: String {
      var parts = threadErrors.map { "\($0.1.type) in \($0.0)" }
      if deadlock != nil { parts.insert("deadlock", at: 0) }
      if let mainError { parts.append("\(mainError.type) in MainThread") }
      parts += globals.map { "\($0.0) \($0.1.repr(SharedObjects()))" }
      return parts.joined(separator: ", ")
    }
  }

  public let program: Program

  public init(_ program: Program) { self.program = program }

  /// Runs the program on the calling thread (its main thread) and one OS
  /// thread per thread it starts; `output` gets what it prints, `errors`
  /// its tracebacks; `stop` is asked between steps (a quit).
  public func run(
    output: @escaping @Sendable (String) -> Void, errors: @escaping @Sendable (String) -> Void,
    stop: (@Sendable () -> Bool)? = nil,
    schedule: [Int]? = nil, scheduleIsWhole wholeRun: Bool = false,
    cpuCount: Int = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
  ) -> Result {
    // A schedule that takes the program to its end: past it nobody takes
    // another step (a `_thread` thread left over dies with the program, as
    // the model has it), rather than running on freely.
    run(
      RealWorld(
        program: program, cpuCount: cpuCount, output: output, errors: errors, stop: stop,
        schedule: schedule, open: wholeRun))
  }

  /// Runs the program in `world` on the calling thread, to its end.
  func run(_ world: RealWorld) -> Result {
    let main = world.beginMain()
    var interpreter = Interpreter<RealWorld>(program: program, thread: main)
    interpreter.beginModule()
    var shared = world
    var mainError: PythonError?
    var cancelled = false
    do {
      mainError = try interpreter.run(world: &shared)
    } catch {
      cancelled = true
    }
    world.lines.withLockedValue { $0[main] = nil }
    world.gate?.finished(main)
    if let mainError { world.report(mainError, in: main) }
    if !cancelled { world.waitForThreads(main: main) }
    // Daemons and `_thread` threads end with the program, as in Python.
    world.end()
    world.joinThreads()
    let globals = program.globalNames.enumerated().compactMap { index, name -> (String, Value)? in
      guard let value = world.readGlobal(index), value.isData else { return nil }
      if case .iterator = value { return nil }
      return (name, value)
    }
    return Result(
      mainError: mainError,
      threadErrors: world.failures.snapshot.filter { $0.0 != "MainThread" },
      globals: globals, cancelled: cancelled && world.deadlock.snapshot == nil,
      deadlock: world.deadlock.snapshot)
  }
}
