import InterleaveDashboard
import InterleaveRuntime
import InterleaveText

/// Drive mode as a value: the steps the learner has taken, those undone,
/// and the model state they lead to, which says who may step next and
/// what each step will do. The real threads follow the same steps.
struct DriveModel: Equatable, Sendable {
  let configuration: RunConfiguration
  let machine: Machine
  /// Every step taken, by 1-based thread.
  private(set) var order: [Int]
  /// Steps undone, the last undone last.
  private(set) var undone: [Int] = []
  /// The model state after `order`.
  private(set) var state: MachineState
  /// The outcomes still reachable, while `f` shows them.
  var fork: ForkView?
  /// The forked-to outcomes' simplest ways there, by row of `fork`.
  private var witnesses: [[Int]] = []

  /// Why a key could not step a thread.
  enum Refusal: Equatable, Error {
    case noSuchThread(Int)
    case cannotStep(worker: Int, StepPreview)
    case over
  }

  /// The most states `f` counts before saying there are too many.
  static let forkStateLimit = 2_000_000

  /// The run `d` drives instead of a long one: this many iterations, at
  /// most this many threads.
  static let smallIterations = 2
  static let smallThreads = 2

  /// Whether a run has too many steps to drive by hand (a few dozen is a
  /// lesson; a million iterations is not).
  static func isTooLong(_ configuration: RunConfiguration) -> Bool {
    configuration.scenario.traits.usesIterations && configuration.iterations > 10
  }

  init(configuration: RunConfiguration, order: [Int] = []) {
    self.configuration = configuration
    machine = configuration.scenario.model(configuration)
    var state = machine.initial()
    var followed: [Int] = []
    for thread in order where machine.canStep(state, thread - 1) {
      state = machine.step(state, thread - 1)
      followed.append(thread)
    }
    self.order = followed
    self.state = state
  }

  static func == (lhs: DriveModel, rhs: DriveModel) -> Bool {
    lhs.configuration == rhs.configuration && lhs.order == rhs.order && lhs.undone == rhs.undone
      && lhs.fork == rhs.fork
  }

  var isOver: Bool { machine.isFinal(state) }

  /// Thread `thread` (1-based) takes its next step.
  mutating func take(_ thread: Int) throws(Refusal) {
    guard (1...machine.threads).contains(thread) else { throw .noSuchThread(thread) }
    guard machine.canStep(state, thread - 1) else {
      // Every thread at its end: the run is over; else say why this one waits.
      let ended = (0..<machine.threads).allSatisfy { machine.ended(state, $0) }
      throw ended ? .over : .cannotStep(worker: thread - 1, machine.preview(state, thread - 1))
    }
    state = machine.step(state, thread - 1)
    order.append(thread)
    if undone.last == thread { undone.removeLast() } else { undone.removeAll() }
    fork = nil
  }

  /// The thread the seeded scheduler would step now (the same at the same
  /// step every time), nil when none can.
  func automatic(seed: UInt64) -> Int? {
    let runnable = machine.runnable(state)
    guard !runnable.isEmpty else { return nil }
    var generator = SplitMix64(seed: seed &+ UInt64(order.count))
    return runnable[Int(generator.next() % UInt64(runnable.count))] + 1
  }

  /// One step back. - Returns: false when there was none.
  mutating func undo() -> Bool {
    guard let last = order.popLast() else { return false }
    undone.append(last)
    state = machine.initial()
    for thread in order { state = machine.step(state, thread - 1) }
    fork = nil
    return true
  }

  /// The step last undone, to take again.
  var redoable: Int? { undone.last }

  /// What `f` counts: every outcome reachable from here. The count runs
  /// off the UI thread (it can take seconds); the box says it is counting.
  struct ForkCount: Sendable, Equatable {
    static func == (lhs: ForkCount, rhs: ForkCount) -> Bool {
      lhs.step == rhs.step && lhs.last == rhs.last && lhs.state == rhs.state
    }

    let machine: Machine
    let state: MachineState
    let last: Int
    /// The step it counts from: a result for another step is stale.
    let step: Int

    /// Counts, until done, the state limit, or `stop` says so.
    func run(stop: @escaping () -> Bool) -> Result<
      [ScheduleExplorer.Result], ScheduleExplorer.TooLarge
    > {
      var explorer = ScheduleExplorer(
        machine, limit: DriveModel.forkStateLimit, shouldStop: stop)
      do {
        return .success(try explorer.explore(from: state, last: last))
      } catch {
        return .failure(error)
      }
    }
  }

  /// Opens the fork box as "counting" and says what to count.
  mutating func openFork() -> ForkCount {
    fork = ForkView(total: "…", rows: [], counting: true)
    witnesses = []
    return ForkCount(machine: machine, state: state, last: (order.last ?? 0) - 1, step: order.count)
  }

  /// Fills the fork box with a finished count (one for another step, or
  /// for a box closed since, is dropped).
  mutating func finishFork(
    _ result: Result<[ScheduleExplorer.Result], ScheduleExplorer.TooLarge>, step: Int
  ) {
    guard fork?.counting == true, step == order.count else { return }
    switch result {
    case .success(let results):
      let total = ScheduleExplorer.total(results)
      fork = ForkView(
        total: Format.grouped(digits: total.description),
        rows: results.map {
          ForkView.Row(
            outcome: $0.outcome, schedules: Format.grouped(digits: $0.schedules.description),
            share: total.double > 0 ? $0.schedules.double / total.double : 0,
            preemptions: $0.preemptions, correct: isCorrect($0.outcome))
        })
      witnesses = results.map(\.witness)
    case .failure(let error):
      // An early refusal's figure is an estimate: the limit is what is sure
      // (the levels counted so far already point past it).
      let states = error.estimated ? DriveModel.forkStateLimit : error.states
      fork = error.stopped ? nil : ForkView(total: "?", rows: [], tooLarge: Format.grouped(states))
      witnesses = []
    }
  }

  /// Moves the fork's choice by `offset` rows, staying in range.
  mutating func moveFork(_ offset: Int) {
    guard var fork, !fork.rows.isEmpty else { return }
    fork.selected = max(0, min(fork.rows.count - 1, fork.selected + offset))
    self.fork = fork
  }

  /// The steps from here to the chosen outcome, the fork closed.
  mutating func chooseFork() -> [Int] {
    guard let fork, witnesses.indices.contains(fork.selected) else { return [] }
    let way = witnesses[fork.selected]
    for thread in way {
      state = machine.step(state, thread - 1)
      order.append(thread)
    }
    undone.removeAll()
    self.fork = nil
    return way
  }

  func isCorrect(_ outcome: Outcome) -> Bool {
    configuration.scenario.isCorrect(outcome, configuration)
  }

  /// What the dashboard shows of it.
  var view: DriveView {
    DriveView(
      previews: (0..<machine.threads).map { machine.preview(state, $0) },
      runnable: (0..<machine.threads).map { machine.canStep(state, $0) }, steps: order.count,
      cellNames: machine.cellNames, fork: fork)
  }
}
