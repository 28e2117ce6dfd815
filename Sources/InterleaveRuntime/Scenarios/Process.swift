import CSystem
import Glibc
import InterleavePlatform
import Synchronization

extension Scenario {
  /// The race body in real child processes, each with its own `balance`:
  /// "in multiprocessing each variable has its own copy in each process".
  public static let process = Scenario(ProcessScenario())
}

struct ProcessScenario: ScenarioDescriptor {
  let id = "process"
  let words = ScenarioWords(
    blurb: Localized(
      en:
        "The race in child processes: each process has its own copy of balance, "
        + "so nothing is shared and every balance ends at 0.",
      zh:
        "把竞争放进子进程：每个进程都有自己的一份 balance，"
        + "什么都不共享，所以每个 balance 最后都是 0。"),
    figuresTitle: Localized(en: "one balance per process", zh: "每个进程一份 balance"))
  let traits = ScenarioTraits(
    usesBalance: true, usesIterations: true, tracksLostUpdates: false, naming: .process,
    workersAreProcesses: true)

  var stepsPerFullSpeedIteration: Int { 4 }

  func makeState(_ configuration: RunConfiguration) -> (any ScenarioState)? {
    ProcessState(workers: configuration.threads)
  }

  /// Every process ends with its own balance back at 0.
  func isCorrect(_ outcome: Outcome, _ configuration: RunConfiguration) -> Bool {
    guard case .values(let values) = outcome.kind else { return false }
    return values.allSatisfy { $0.value == 0 }
  }

  /// Worker k changes its own cell k - 1: nothing is shared.
  func model(_ configuration: RunConfiguration) -> Machine {
    let workers = configuration.threads
    return Machine(
      programs: Machine.workers(workers) { worker in
        let amount = Amounts.race(worker)
        let own = worker - 1
        let body: [Instruction] = [
          .read(cell: own, into: 0), .write(cell: own, from: 0, plus: amount),
          .read(cell: own, into: 0), .write(cell: own, from: 0, plus: -amount),
        ]
        return Array(repeating: body, count: configuration.iterations).flatMap { $0 }
      }, memory: Array(repeating: 0, count: workers),
      cellNames: (1...workers).map { "balance (process \($0))" },
      outcome: Machine.standard { view in
        Outcome(.values((1...workers).map { Outcome.Value("p\($0)", view.cell($0 - 1)) }))
      })
  }

  func run(_ context: WorkerContext) throws(Cancelled) {
    let state = context.shared.state(as: ProcessState.self)
    let iterations = context.shared.configuration.iterations
    var child = try RaceChild.spawn(
      amount: Amounts.race(context.index), iterations: iterations, context: context)
    defer { child.end() }
    // The balance panel's row first, then the pane's line: a frame that
    // says "forked a child" also lists that child's balance.
    state.started(context.index, pid: child.pid)
    context.log(.spawned(pid: child.pid))
    var done = 0
    steps: for _ in 0..<iterations {
      for _ in 0..<4 {
        if context.atFullSpeed {
          // The rest at once, in the child, with nothing to report but its end.
          try child.send("f", context)
          break steps
        }
        let traced = try context.step()
        try child.send("s", context)
        let record = try child.receive(context)
        if record.kind == Int32(IL_CHILD_WRITE) { state.balance(context.index, record.value) }
        if traced {
          context.log(
            record.kind == Int32(IL_CHILD_READ)
              ? .read(value: record.value) : .write(value: record.value))
        }
        done += 1
        if done % 4 == 0 { context.iterationDone() }
      }
    }
    var record = try child.receive(context)
    while record.kind != Int32(IL_CHILD_DONE) { record = try child.receive(context) }
    state.balance(context.index, record.value)
    state.ended(context.index)
    context.counters.fullSpeedIterations.add(iterations - done / 4, ordering: .relaxed)
  }
}

/// A child process of one worker and the pipes to it.
struct RaceChild {
  let pid: Int32
  private let commands: Int32
  private let reports: Int32
  private var reaped = false

  /// Forks it; its pid goes where the pane shows an id (the caller logs it).
  static func spawn(amount: Int, iterations: Int, context: WorkerContext) throws(Cancelled)
    -> RaceChild
  {
    var commands: Int32 = -1
    var reports: Int32 = -1
    let pid = il_spawn_race_child(amount, iterations, &commands, &reports)
    guard pid > 0 else {
      // Not "cancelled": the run failed, and says why (a process limit).
      let reason = "fork: " + String(cString: strerror(errno))
      context.refused = true
      context.shared.childFailures.add(1, ordering: .relaxed)
      context.shared.childRefusal.withLockedValue { $0 = $0 ?? reason }
      throw Cancelled()
    }
    context.counters.tid.store(Int(pid), ordering: .relaxed)
    return RaceChild(pid: pid, commands: commands, reports: reports)
  }

  private init(pid: Int32, commands: Int32, reports: Int32) {
    self.pid = pid
    self.commands = commands
    self.reports = reports
  }

  /// Tells the child to take a step (`s`) or to run to its end (`f`).
  func send(_ command: Character, _ context: WorkerContext) throws(Cancelled) {
    var byte = command.asciiValue!
    while write(commands, &byte, 1) != 1 {
      if errno != EINTR { throw Cancelled() }
    }
  }

  /// The child's next report, waiting for it (and for a cancel).
  func receive(_ context: WorkerContext) throws(Cancelled) -> (kind: Int32, value: Int) {
    var record = il_child_record()
    let size = MemoryLayout<il_child_record>.size
    var got = 0
    while got < size {
      var poller = pollfd(fd: reports, events: Int16(POLLIN), revents: 0)
      let ready = poll(&poller, 1, 20)
      if context.shared.pacer.isCancelled { throw Cancelled() }
      guard ready > 0 else { continue }
      let count = withUnsafeMutableBytes(of: &record) { buffer in
        read(reports, buffer.baseAddress! + got, size - got)
      }
      if count < 0, errno == EINTR { continue }
      // The child died or closed its end: nothing more will come.
      guard count > 0 else { throw Cancelled() }
      got += count
    }
    return (record.kind, record.value)
  }

  /// Kills the child if it still runs, waits for it, closes the pipes.
  mutating func end() {
    guard !reaped else { return }
    reaped = true
    close(commands)
    kill(pid, SIGKILL)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    close(reports)
  }
}

/// Each worker's child: its pid and its own balance.
final class ProcessState: ScenarioState {
  private let children: LockedBox<[ChildProcessFigureRow]>

  struct ChildProcessFigureRow {
    var pid: Int32 = 0
    var balance = 0
    var ended = false
  }

  init(workers: Int) {
    children = LockedBox(Array(repeating: ChildProcessFigureRow(), count: workers + 1))
  }

  func started(_ worker: Int, pid: Int32) { children.withLockedValue { $0[worker].pid = pid } }
  func balance(_ worker: Int, _ value: Int) {
    children.withLockedValue { $0[worker].balance = value }
  }
  func ended(_ worker: Int) { children.withLockedValue { $0[worker].ended = true } }

  func figures() -> [ScenarioFigure] {
    let rows = children.snapshot
    return [
      .processes(
        rows.indices.dropFirst().filter { rows[$0].pid > 0 }.map {
          ChildProcess(
            worker: $0, pid: rows[$0].pid, balance: rows[$0].balance, ended: rows[$0].ended)
        })
    ]
  }

  func outcome() -> Outcome? {
    let rows = children.snapshot
    return Outcome(
      .values(rows.indices.dropFirst().map { Outcome.Value("p\($0)", rows[$0].balance) }))
  }
}
