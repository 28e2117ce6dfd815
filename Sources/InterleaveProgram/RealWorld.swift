import CSystem
import Glibc
import InterleavePlatform
import Synchronization

/// A program's world on real OS threads: each global a cell of its own
/// (a read and a write are separate, so updates are really lost), the
/// objects behind one monitor that blocked threads wait on, output in the
/// order it is written.
final class RealWorld: World, Sendable {
  let program: Program
  private let cells: GlobalCells
  private let objects = Monitor(SharedObjects())
  /// What `print` writes, in order.
  private let output: @Sendable (String) -> Void
  /// Tracebacks of threads that raised, as Python prints them to stderr.
  private let errors: @Sendable (String) -> Void
  private let ending = Atomic<Bool>(false)
  private let threads = LockedBox<[OSThread]>([])
  /// Errors threads ended with, by thread name.
  let failures = LockedBox<[(String, PythonError)]>([])
  let cpuCount: Int
  /// True when the run must end (a quit): asked every 10 ms by a thread
  /// of its own (`watch`), which ends the run, so that a step asks only
  /// `ending` (asking at every step was a tenth of the race's loop).
  private let stop: (@Sendable () -> Bool)?
  /// The schedule being replayed, if any.
  let gate: TurnGate?
  /// Under a gate: the line of the step each thread object waits to take.
  let lines = LockedBox<[Int: Int]>([:])
  /// Threads in a wait with no timeout that could not pass: where, and
  /// what they wait for.
  private let blocked = LockedBox<
    [Int: (line: Int, test: @Sendable (inout SharedObjects) -> Bool)]
  >([:])
  /// The line of each thread blocked now (in a join, or a lock's wait).
  var blockedLines: [Int: Int] { blocked.withLockedValue { $0.mapValues(\.line) } }
  /// Threads started and not ended (the main thread until its very end).
  private let alive = Atomic<Int>(0)
  /// The deadlock that ended the run, if one did.
  let deadlock = LockedBox<String?>(nil)
  /// The threads (by object index) stopped before their function returned:
  /// the run ended under them (the main thread's end, past `_thread`
  /// threads and daemons), as opposed to finished.
  let cutOff = LockedBox<Set<Int>>([])
  /// Under a gate: what each thread object in a wait that is no step waits for.
  private let waiters = LockedBox<[Int: @Sendable (inout SharedObjects) -> Bool]>([:])

  init(
    program: Program, cpuCount: Int, output: @escaping @Sendable (String) -> Void,
    errors: @escaping @Sendable (String) -> Void, stop: (@Sendable () -> Bool)?,
    schedule: [Int]? = nil, open: Bool = false
  ) {
    gate = schedule.map { TurnGate(schedule: $0, open: open) }
    self.stop = stop
    self.program = program
    cells = GlobalCells(count: program.globalNames.count)
    self.cpuCount = cpuCount
    self.output = output
    self.errors = errors
    if let stop { watch(stop) }
  }

  /// Ends the run once `stop` says so, asking every 10 ms until the run
  /// ends. Without a thread for it, a step would have to ask.
  private func watch(_ stop: @escaping @Sendable () -> Bool) {
    let watcher = OSThread.spawn { [self] in
      while !ending.load(ordering: .relaxed) {
        if stop() {
          end()
          return
        }
        usleep(10_000)
      }
    }
    watcher?.detach()
    watching.store(watcher != nil, ordering: .relaxed)
  }

  /// Whether `watch` asks `stop`; if the system refused its thread, each
  /// step asks.
  private let watching = Atomic<Bool>(false)

  func readGlobal(_ index: Int) -> Value? { cells.read(index) }
  func writeGlobal(_ index: Int, _ value: Value) { cells.write(index, value) }
  func globalHoldsData(_ index: Int) -> Bool { cells.holdsData(index) }

  func updateGlobal(_ index: Int, _ body: (inout Value?) throws(PythonError) -> Value)
    throws(PythonError) -> Value
  {
    try cells.update(index, body)
  }

  func withObjects<T, E: Error>(_ body: (inout SharedObjects) throws(E) -> T) throws(E) -> T {
    var failure: E?
    let result = objects.change { objects -> T? in
      do throws(E) {
        return try body(&objects)
      } catch {
        failure = error
        return nil
      }
    }
    if let failure { throw failure }
    return result!
  }

  func readObjects<T>(_ body: (SharedObjects) -> T) -> T { objects.withValue { body($0) } }

  /// Tries before a wait blocks, and CPU pauses between two tries.
  static let backoffRounds = 5
  static let backoffPauses = 500

  func wait(
    timeout: Double?, line: Int, until test: @escaping @Sendable (inout SharedObjects) -> Bool
  ) -> Bool {
    guard let gate, !gate.runsFreely else {
      // Let go at full speed past a schedule, a wait is a real wait with
      // its own timeout (not one a replay holds open): its turn passes.
      gate?.release(current())
      // At once when it can pass (most acquires): nothing to note. Else
      // a few tries a few microseconds apart before blocking: a lock held
      // for a short section is most often let go by then, and blocking
      // costs two context switches (they were most of a contended
      // program's time).
      if objects.wait(until: 0, for: test) { return true }
      // (`timeout=0` gives up at once, as CPython's does.)
      for _ in 0..<(timeout == 0 ? 0 : Self.backoffRounds) {
        for _ in 0..<Self.backoffPauses { il_cpu_relax() }
        if objects.wait(until: 0, for: test) { return true }
      }
      return waitBlocked(current(), line: line, timeout: timeout, until: test)
    }
    // Under a schedule a wait that passes at once is part of the step; one
    // that cannot pass is no step (a join; a lock's wait is a step only
    // once it can pass, so a valid schedule never reaches it waiting): the
    // turn passes, and the thread goes on without one when it is woken,
    // as the model runs a waiting thread on once its wait can pass.
    let me = current()
    lines.withLockedValue { $0[me] = line }
    if objects.change({ test(&$0) }) { return true }
    objects.change { _ in waiters.withLockedValue { $0[me] = test } }
    gate.park(me)
    gate.release(me)
    defer { waiters.withLockedValue { $0[me] = nil } }
    let noted = waiters
    // A replay keeps the order, not the time (the model waits as long as
    // it takes): a timed wait under a schedule has no timeout.
    let passed = waitBlocked(me, line: line, timeout: nil, until: test) {
      // Under the objects' lock, as the wait passes: never seen waiting
      // and running at once.
      noted.withLockedValue { $0[me] = nil }
      gate.unpark(me)
    }
    // Cut short (the run ends): no longer counted as waiting.
    if !passed { gate.unpark(me) }
    return passed
  }

  /// A wait that could not pass at once. With no timeout the thread is
  /// noted as blocked (at `line`), so that when every living thread is
  /// blocked and none can pass, the deadlock is found and the run ends
  /// with it instead of hanging as CPython would. `passing` runs under the
  /// objects' lock as the wait passes (`test` itself is also run on copies,
  /// to look for a deadlock, so it must change nothing but the objects).
  private func waitBlocked(
    _ me: Int, line: Int, timeout: Double?,
    until test: @escaping @Sendable (inout SharedObjects) -> Bool,
    passing: @escaping () -> Void = {}
  ) -> Bool {
    guard timeout == nil else { return waitFreely(timeout: timeout, wakingWhen: test, until: test) }
    objects.change { _ in blocked.withLockedValue { $0[me] = (line, test) } }
    defer { blocked.withLockedValue { $0[me] = nil } }
    let stuck = blocked
    return waitFreely(timeout: nil, wakingWhen: test) { objects in
      guard test(&objects) else { return false }
      // Under the objects' lock, as the wait passes.
      stuck.withLockedValue { $0[me] = nil }
      passing()
      return true
    }
  }

  /// Ends the run when every living thread is blocked and no blocked
  /// wait can pass: a deadlock (said in `deadlock`).
  private func checkDeadlock() {
    let found = objects.withValue { objects -> String? in
      let waiting = blocked.snapshot
      guard !waiting.isEmpty, waiting.count == alive.load(ordering: .relaxed) else { return nil }
      for (_, test) in waiting.values {
        var copy = objects
        if test(&copy) { return nil }
      }
      return waiting.sorted { $0.key < $1.key }.map { index, wait in
        let name =
          objects.thread(index).map { $0.name.isEmpty ? "a _thread thread" : $0.name } ?? "?"
        return wait.line > 0
          ? "\(name) at line \(wait.line)" : "\(name) at the end, for its threads"
      }.joined(separator: ", ")
    }
    guard let found else { return }
    deadlock.withLockedValue { if $0 == nil { $0 = "every thread waits: " + found } }
    end()
  }

  /// Under a schedule: waits (at most `limit` ns) until the steps given
  /// out have run and every thread waits for a turn, waits for something
  /// that cannot pass yet, or has ended.
  func settle(limit: UInt64) -> Bool {
    guard let gate else { return true }
    let deadline = MonotonicClock.now() &+ limit
    while MonotonicClock.now() < deadline, !ending.load(ordering: .relaxed) {
      guard gate.settle(limit: 1_000_000) else { continue }
      // Nobody runs now; a waiter whose wait can pass is about to. Asked
      // under the objects' lock, where a wait that passes also unparks: one
      // that passed between the gate's answer and this one is running now.
      let waking = objects.withValue { objects in
        !gate.isSettled
          || waiters.snapshot.values.contains { test in
            var copy = objects
            return test(&copy)
          }
      }
      if !waking { return true }
      usleep(200)
    }
    return false
  }

  /// Waits on the objects' monitor, whatever the schedule says; a quit
  /// (`stop`) is heard within a tenth of a second, as CPython's lock waits
  /// are interrupted by Ctrl-C.
  ///
  /// `wakingWhen` is what the wait waits for, free of side effects: a
  /// change of the objects wakes this thread only when it passes.
  private func waitFreely(
    timeout: Double?, wakingWhen peek: @escaping @Sendable (inout SharedObjects) -> Bool,
    until test: (inout SharedObjects) -> Bool
  ) -> Bool {
    let deadline = Self.deadline(timeout)
    var passed = false
    while !ending.load(ordering: .relaxed) {
      let slice = min(deadline, MonotonicClock.now() &+ Self.quitSlice)
      let woken = objects.wait(until: slice, wakingWhen: peek) { objects in
        if test(&objects) {
          passed = true
          return true
        }
        return ending.load(ordering: .relaxed)
      }
      if woken || MonotonicClock.now() >= deadline { break }
      if let stop, stop() { end() }
      if deadline == .max { checkDeadlock() }
    }
    return passed
  }

  /// How often a waiting thread asks whether the run is ending (ns).
  static let quitSlice: UInt64 = 100_000_000

  private static func deadline(_ timeout: Double?) -> UInt64 {
    guard let timeout, timeout.isFinite else { return .max }
    let now = MonotonicClock.now()
    let span = timeout * 1e9
    return span >= Double(UInt64.max - now) ? .max : now + UInt64(max(0, span))
  }

  func write(_ text: String) { output(text) }

  func sleep(_ seconds: Double) {
    // A replay keeps the order, not the time; let go, the time is real
    // again (the tutorial's `time.sleep(3)` is what lets its threads end).
    if let gate, !gate.runsFreely { return }
    _ = waitFreely(timeout: seconds, wakingWhen: { _ in false }) { _ in false }
  }

  func ident() -> Int { Int(bitPattern: UInt(pthread_self())) }

  /// The calling thread's object index (by its identifier).
  private func current() -> Int {
    let me = ident()
    return readObjects { objects in
      objects.objects.indices.first { objects.thread($0)?.ident == me } ?? -1
    }
  }

  var suspendsWaits: Bool { false }
  var triesBeforeWaiting: Bool { gate == nil }
  var stepsWakes: Bool { gate != nil }

  func shouldStop() -> Bool {
    if ending.load(ordering: .relaxed) { return true }
    guard !watching.load(ordering: .relaxed), let stop, stop() else { return false }
    end()
    return true
  }

  func beforeStep(_ thread: Int, line: @autoclosure () -> Int) -> Bool {
    if ending.load(ordering: .relaxed) { return true }
    if let gate {
      let line = line()
      lines.withLockedValue { $0[thread] = line }
      gate.take(thread, stop: stop ?? { false })
      if ending.load(ordering: .relaxed) { return true }
    }
    return shouldStop()
  }

  /// Ends the run: every thread stops at its next step or wait.
  func end() {
    ending.store(true, ordering: .relaxed)
    gate?.end()
    objects.wakeAll()
  }

  var ended: Bool { ending.load(ordering: .relaxed) }

  func start(_ index: Int) throws(PythonError) {
    guard threads.withLockedValue({ $0.count }) < Limits.threads else {
      throw PythonError(
        "RuntimeError", "more than \(Limits.threads) threads are not supported here")
    }
    gate?.register(index)
    alive.add(1, ordering: .relaxed)
    let spawned = OSThread.spawn { [self] in self.runThread(index) }
    guard let spawned else {
      alive.subtract(1, ordering: .relaxed)
      withObjects { $0.changeThread(index) { $0.state = .initial } }
      throw PythonError("RuntimeError", "can't start new thread")
    }
    threads.withLockedValue { $0.append(spawned) }
    // As Thread.start(): back once the thread runs and has its identifier
    // (which it sets before its first step, so in any turn).
    let started: @Sendable (inout SharedObjects) -> Bool = { $0.thread(index)?.ident != 0 }
    _ = waitFreely(timeout: nil, wakingWhen: started, until: started)
  }

  /// The main thread's object, made first: `MainThread`, already running.
  func beginMain() -> Int {
    alive.add(1, ordering: .relaxed)
    return withObjects { objects in
      var main = ThreadObject(name: "MainThread")
      main.isMain = true
      main.state = .started
      main.ident = Int(bitPattern: UInt(pthread_self()))
      let index = objects.add(.thread(main))
      gate?.register(index)
      return index
    }
  }

  private func runThread(_ index: Int) {
    let me = ident()
    let object = withObjects { objects in
      objects.changeThread(index) { $0.ident = me }
      return objects.thread(index)!
    }
    if !object.name.isEmpty { OSThread.nameCurrent(object.name) }
    var interpreter = Interpreter<RealWorld>(program: program, thread: index)
    var world = self
    var failure: PythonError?
    do {
      try interpreter.begin(
        object.target ?? .none, object.arguments, failing: object.argumentsError, world: &world)
      failure = try interpreter.run(world: &world)
    } catch let error as PythonError {
      failure = error
    } catch {
      failure = nil
      cutOff.withLockedValue { _ = $0.insert(index) }
    }
    // The traceback first, as CPython prints it before the thread counts
    // as ended: a join, a step or a look at the screen after the thread's
    // end finds it written.
    if let failure { report(failure, in: index) }
    withObjects { objects in
      objects.changeThread(index) { $0.state = .stopped }
      alive.subtract(1, ordering: .relaxed)
    }
    lines.withLockedValue { $0[index] = nil }
    gate?.finished(index)
  }

  /// Waits for every thread that is not a daemon, as Python does before it exits.
  /// (Not a step: under a schedule it needs no turn.) Then the main
  /// thread is no longer alive.
  func waitForThreads(main: Int) {
    _ = waitBlocked(main, line: 0, timeout: nil) { objects in
      !objects.objects.contains { object in
        guard case .thread(let thread) = object else { return false }
        return !thread.isMain && !thread.daemon && thread.state == .started
      }
    }
    alive.subtract(1, ordering: .relaxed)
  }

  /// Joins the OS threads that have stopped or will at their next step.
  func joinThreads() {
    for thread in threads.withLockedValue({ $0 }) { thread.join() }
  }

  /// Prints a thread's uncaught error as Python does.
  func report(_ error: PythonError, in index: Int) {
    let object = readObjects { $0.thread(index)! }
    failures.withLockedValue { $0.append((object.name, error)) }
    var text: String
    if object.isMain {
      text = ""
    } else if object.dummy {
      var function = "?"
      if case .function(let target) = object.target { function = program.functions[target].name }
      text = "Unhandled exception in thread started by <function \(function)>\n"
    } else {
      text = "Exception in thread \(object.name):\n"
    }
    text += Traceback.text(error, program: program)
    errors(text)
  }
}

/// A traceback as CPython 3.11 prints it (without `threading.py`'s own frames).
public enum Traceback {
  public static func text(_ error: PythonError, program: Program) -> String {
    var text = "Traceback (most recent call last):\n"
    for line in error.traceback {
      text += "  File \"\(program.file)\", line \(line.line), in \(line.function)\n"
      let source = program.text(line: line.line)
      if !source.isEmpty { text += "    \(source)\n" }
    }
    return text + error.line + "\n"
  }
}
