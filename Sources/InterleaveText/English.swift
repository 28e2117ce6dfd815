import InterleaveRuntime

/// The string table in English.
public struct English: Strings {
  public init() {}

  // MARK: - Threads

  public var mainThread: String { "MainThread" }

  public func worker(_ naming: ScenarioTraits.Naming, _ index: Int, of count: Int) -> String {
    switch naming {
    case .python: return "Thread-\(index)"
    case .loop: return count == 1 ? "LoopThread" : "LoopThread-\(index)"
    case .process: return "Process-\(index)"
    }
  }

  public func state(_ state: ThreadState) -> String {
    switch state {
    case .created: return "created"
    case .running: return "running"
    case .waiting: return "waiting"
    case .sleeping: return "sleeping"
    case .finished: return "finished"
    case .cancelled: return "cancelled"
    case .refused: return "refused"
    }
  }

  public var paused: String { "paused" }
  public var ready: String { "ready" }
  public var paced: String { "step by step" }
  public var yourTurn: String { "▶ your turn" }
  public func tid(_ tid: Int32) -> String { "tid \(tid)" }
  public func cpu(_ core: Int) -> String { core >= 0 ? "core \(core)" : "core -" }

  // MARK: - Transcript: the seed's prints

  public func started(_ who: String) -> String { "Thread \(who) is running..." }
  public func ended(_ who: String) -> String { "Thread \(who) ended" }
  public func cancelled(_ who: String) -> String { "Thread \(who) was cancelled" }
  public func count(_ who: String, _ n: Int) -> String { "Thread \(who) >>> \(n)" }

  // MARK: - Transcript: one step

  public func reads(_ value: Int) -> String { "read balance = \(value)" }
  public func writes(_ value: Int) -> String { "write balance = \(value)" }

  public func atomicAdd(_ amount: Int, result: Int) -> String {
    "atomic add \(amount), balance = \(result)"
  }

  public func lostUpdate(wrote: Int, over victim: String, overwritten: Int, read: Int) -> String {
    "lost update: wrote \(wrote) over \(victim)'s \(overwritten) (it had read \(read))"
  }

  public func overwritten(_ value: Int, by writer: String) -> String {
    "✗ its \(value) overwritten by \(writer)"
  }

  public func waits(for primitive: PrimitiveSpec) -> String { "wait for \(primitive.name)" }

  public func acquired(_ primitive: PrimitiveSpec, waited: UInt64) -> String {
    // Taken at once: no wait was timed, so none is said (not "0 ns").
    waited == 0
      ? "acquire \(primitive.name) (free: no wait)"
      : "acquire \(primitive.name) (waited \(Duration.text(waited)))"
  }

  public func timedOut(_ primitive: PrimitiveSpec, waited: UInt64) -> String {
    "acquire \(primitive.name) timed out (waited \(Duration.text(waited)))"
  }

  public func released(_ primitive: PrimitiveSpec, held: UInt64) -> String {
    // A semaphore's permit has no holder to time: it says what it did.
    primitive.kind == .semaphore
      ? "release \(primitive.name) (a permit back)"
      : "release \(primitive.name) (held \(Duration.text(held)))"
  }

  /// A sleep that takes no time (driven, or at full speed) says no
  /// duration; one the pace stretches or shortens says what the code asked.
  public func sleeps(_ duration: UInt64, written: UInt64) -> String {
    if duration == 0 { return written > 0 ? "time.sleep(\(Duration.python(written)))" : "sleep" }
    if written == 0 { return "sleep \(Duration.text(duration)) so the others can run" }
    let call = "time.sleep(\(Duration.python(written)))"
    if written == duration { return call }
    let how = duration < written ? "shortened" : "stretched"
    return "\(call), \(how) to \(Duration.text(duration)) to match the speed"
  }

  public func deadlockFound(threads: Int) -> String {
    "deadlock detected: \(threads) threads wait for each other"
  }

  public var paneStarted: String { "started" }
  public var paneEnded: String { "finished" }
  public func printedEarlier(_ text: String) -> String { "printed: \(text)" }
  public var paneCancelled: String { "cancelled" }

  // MARK: - Scenarios

  public func blurb(_ scenario: Scenario) -> String { scenario.words.blurb.en }

  public func mainThreadDoing(_ state: ThreadState, waitsBy: ScenarioTraits.MainWait) -> String {
    switch (state, waitsBy) {
    case (.waiting, .join), (.sleeping, .join): return "join(): waits for the workers"
    case (.waiting, .sleep), (.sleeping, .sleep):
      return "sleeps till the workers end (tutorial: sleep(3))"
    case (.finished, .join): return "joined every worker"
    case (.finished, .sleep): return "woke up: every worker is done"
    case (.cancelled, _): return "cancelled"
    case (.refused, _): return "the system refused to start it"
    default: return "starting the workers"
    }
  }

  // MARK: - Header and footer

  public func cores(_ count: Int) -> String { count == 1 ? "1 core" : "\(count) cores" }

  public func threads(_ count: Int, short: Bool) -> String {
    // Workers: the main thread, shown beside them, is not counted.
    if short { return count == 1 ? "1 worker" : "\(count) workers" }
    return count == 1 ? "1 worker thread" : "\(count) worker threads"
  }

  public var fullSpeed: String { "full speed" }

  public func phase(_ phase: RunPhase) -> String {
    switch phase {
    case .running: return "● running"
    case .paused: return "‖ PAUSED"
    case .finished: return "■ finished"
    case .deadlocked: return "✗ deadlocked"
    case .hung: return "✗ hang"
    }
  }

  public func seed(_ seed: UInt64) -> String { "seed \(seed)" }
  public func replay(_ schedule: String) -> String { "schedule \(schedule)" }
  public func keyName(_ key: String) -> String { key }

  public func footer(_ hint: KeyHint) -> String {
    switch hint {
    case .scenario: return "scenario"
    case .nextScenario: return "next"
    case .pause: return "pause"
    case .resume: return "run"
    case .step: return "step"
    case .speed: return "speed"
    case .threads: return "threads"
    case .restart: return "restart"
    case .theme: return "theme"
    case .page: return "page"
    case .snapshot: return "save"
    case .mouse: return "click"
    case .help: return "help"
    case .quit: return "quit"
    }
  }

  public func help(_ hint: KeyHint, theme: String) -> String {
    switch hint {
    case .scenario: return "switch scenario; / lists every one"
    case .nextScenario: return "next / previous scenario"
    case .pause, .resume: return "pause / resume"
    case .step: return "one step (pauses first)"
    case .speed: return "faster / slower"
    case .threads: return "fewer / more threads"
    case .restart: return "restart with the same settings"
    case .theme: return "next theme (now \(theme))"
    case .page: return "page the thread table"
    case .snapshot: return "save the screen as an SVG picture here"
    case .mouse: return "a tab switches; a pane takes the room (j/k scroll)"
    case .help: return "show / hide this help (Esc closes it)"
    case .quit: return "quit"
    }
  }

  public var helpTitle: String { "keys" }
  public var legendTitle: String { "the interleaving strip" }
  public func perStep(_ pace: String) -> String { "\(pace)/step" }
  public var notListedFromHere: String { "full speed: steps no longer listed" }
  public func lostAtLeast(_ count: String) -> String { "lost updates ≥ \(count), then untraced" }
  public func lostNowMissing(_ count: String, missing: String) -> String {
    "lost updates \(count), now missing \(missing)"
  }
  public func lostNowMissingCount(_ count: String, missing: String) -> String {
    "lost updates \(count), now missing \(missing) changes"
  }
  public func paceThenNext(_ pace: String, next: String) -> String { "\(pace), next \(next)" }
  public func nextRunPace(_ pace: String) -> String { "next run: \(pace) (r starts it)" }
  public func lostNoneMissing(_ count: String) -> String {
    "lost updates \(count), none missing now"
  }
  public var figuresTitle: String { "the figures" }
  public var figuresElsewhere: String { "what each figure means: interleave help figures" }
  public var moreInTallerWindow: String { "… more with more rows" }
  public var figureDefinitions: [(String, String)] {
    [
      ("iter  M/s", "iterations done; at full speed, a second over the last 2 s"),
      (
        "~  ≥", "~ near, not exact (counted in batches, or sampled) · ≥ at least (traced part only)"
      ),
      ("▁▃▇", "that rate over time, one bar each quarter second"),
      ("avg M/s", "an ended thread: its iterations over its own time, waits included"),
      ("~cpu %", "the share of one core the thread got lately, sampled from the system"),
      ("cores busy", "workers' CPU time over first start to last end: how many ran at once"),
      ("─┼███─", "┼ marks where the balance should end; the bar shows where it is now"),
      (
        "overwrote · overwritten", "its writes that erased another's update · its own erased"
      ),
      ("now missing", "updates the balance lacks now (a lost one can come back)"),
      ("calls", "acquire() calls on the lock"),
      ("contended %", "calls that had to wait, of all calls"),
      ("wait avg max", "how long the calls that had to wait waited"),
      ("held %", "the share of the run the lock was held, the current hold included"),
    ]
  }
  public func themeNotice(_ name: String) -> String { "theme \(name)" }
  public func snapshotSaved(_ path: String) -> String { "saved \(path)" }
  public func focusNotice(_ name: String) -> String {
    "\(name) has the room: j/k or wheel scroll, Esc back"
  }
  public func snapshotFailed(_ path: String, _ reason: String) -> String {
    "cannot save \(path): \(reason)"
  }

  public func lessonNotice(_ title: String, step: Int, of count: Int) -> String {
    "lesson \(title) · \(step)/\(count)"
  }

  public var lessonEnded: String { "end of lesson: q quits" }
  public var lessonEndMarker: String { "end of lesson" }
  public func scenarioMarker(_ id: String) -> String { "scenario \(id)" }

  public func rerun(_ attempt: Int, of total: Int) -> String {
    "not this time: the threads hardly overlapped. Running again (\(attempt)/\(total))"
  }
  public var quitting: String { "quitting..." }
  public func switching(to scenario: Scenario) -> String { "switching to \(scenario.id)..." }
  public var replayEnded: String { "replay ended: the schedule was for another run" }
  public func refusedThreads(_ count: Int) -> String { "the system refused \(count) threads" }
  public func droppedEvents(_ count: String) -> String { "dropped events \(count)" }

  public func tooSmall(width: Int, height: Int) -> String {
    "terminal too small (need \(width)x\(height))"
  }

  public func nowSize(width: Int, height: Int) -> String { "now \(width)x\(height)" }

  // MARK: - Panes and the thread table

  public var iterations: String { "iter" }
  public var trials: String { "trials" }
  public var average: String { "avg" }

  public func lostCounts(overwrote: Int, overwritten: Int, short: Bool, atLeast: Bool) -> String {
    let more = atLeast ? "≥" : ""
    return short
      ? "✗ \(more)\(overwrote)/\(more)\(overwritten)"
      : "overwrote \(more)\(overwrote) · overwritten \(more)\(overwritten)"
  }

  public func tableHeader(_ column: TableColumn) -> String {
    switch column {
    case .thread: return "thread"
    case .state: return "state"
    case .iterations: return "iterations"
    case .lost: return "lost"
    case .rate: return "rate"
    case .cpuPercent: return "~cpu%"
    case .core: return "core"
    case .tid: return "tid"
    case .lastEvent: return "last event"
    }
  }

  public func tablePage(first: Int, last: Int, of count: Int) -> String {
    "threads \(first)-\(last) of \(count)  (PgUp/PgDn to page)"
  }

  // MARK: - The interleaving strip

  public func stripTitle(sampled: Bool) -> String {
    sampled ? "who ran (full speed: one column a frame)" : "steps, newest right"
  }

  public func legend(_ glyph: StripGlyph) -> String {
    switch glyph {
    case .read: return "read"
    case .write: return "write"
    case .atomic: return "atomic add"
    case .acquire: return "acquire"
    case .release: return "release"
    case .wait: return "in acquire()"
    case .conditionWait: return "cond.wait()"
    case .gilWait: return "wait for GIL"
    case .sleep: return "sleep"
    case .tick: return "n += 1"
    case .put: return "put"
    case .take: return "take"
    case .notify: return "notify"
    case .bytecode: return "bytecode"
    case .raise: return "error"
    case .overwrote: return "overwrote"
    case .lost: return "lost"
    case .ran: return "ran"
    }
  }

  public func moreThreads(_ count: Int) -> String { "+\(count) more threads" }

  // MARK: - Primitives panel

  public var primitivesTitle: String { "locks" }
  public var noLockRace: String { "no lock: nothing stops the interleaving" }
  public var noPrimitives: String { "no locks in this scenario" }
  public var deadlockHeader: String { "✗ DEADLOCK: a cycle of waits" }

  public func cycleLink(_ who: String, holds: String, waits: String) -> String {
    "\(who) holds \(holds), wants \(waits)"
  }

  public func backTo(_ who: String) -> String { "→ back to \(who)" }
  public func owner(_ who: String) -> String { "owner \(who)" }
  public var free: String { "free" }
  public var freeWaking: String { "free, waiters waking" }
  public func waiters(_ names: [String]) -> String { "waiters: " + names.joined(separator: ", ") }

  public func lockCounts(acquisitions: String, contended: String, share: String, timeouts: Int)
    -> String
  {
    "calls \(acquisitions)  contended \(contended) (\(share))"
      + (timeouts > 0 ? "  timeouts \(timeouts)" : "")
  }

  public func lockWaits(average: String, max: String) -> String {
    "wait avg \(average)  max \(max)"
  }
  public func lockHeld(_ share: String) -> String { "held \(share) of the time" }
  public var lockNoWaits: String { "waits: none so far" }
  public func lockWaitsSoFar(max: String) -> String { "longest ended wait \(max)" }
  public func lockWaitsNoneEnded(waiting: Int) -> String {
    "waits: \(waiting) waiting now, none done yet"
  }

  // MARK: - The lost update, told step by step

  public var storyTitle: String { "the last lost update" }
  public var storyWaiting: String { "no lost update yet: each write still builds on the last" }
  public var storyUntraced: String { "full speed: steps are not traced (press - to slow down)" }
  public func storyRead(_ who: String, _ value: Int) -> String { "\(who) reads \(value)" }
  public func storyWrite(_ who: String, _ value: Int) -> String { "\(who) writes \(value)" }

  public func storyOverwrite(_ who: String, _ value: Int, read: Int) -> String {
    "\(who) writes \(value), from the \(read) it read"
  }

  public func storyLost(_ victim: String, amount: Int) -> String {
    "\(victim)'s \(Format.signed(amount)) is lost"
  }

  // MARK: - Balance gauge

  public var balanceTitle: String { "balance" }
  public var noBalance: String { "no balance in this scenario" }
  public func balance(_ value: String, expected: String) -> String {
    "balance \(value)  expected \(expected)"
  }

  public func balanceNow(_ value: String, atEnd expected: String) -> String {
    "balance \(value), should end at \(expected)"
  }

  public func lostUpdates(_ count: String) -> String { "lost updates \(count)" }
  public var lostNotTraced: String { "lost updates: not traced" }
  public var verdictCorrect: String { "✔ correct" }
  public var verdictUnproven: String { "✔ as expected (not proof)" }
  public func verdictWrong(_ drift: String) -> String { "✗ wrong by \(drift)" }
  public var verdictNotEveryThread: String { "✗ not every thread ran" }

  public func verdictLuck(_ lost: String) -> String {
    "✗ \(lost) lost, cancelled out by luck"
  }

  public func range(min: String, max: String, sampled: Bool) -> String {
    (sampled ? "sampled " : "") + "min \(min)  max \(max)"
  }

  // MARK: - Plain summary

  public func summaryLabel(_ field: SummaryField) -> String {
    switch field {
    case .scenario: return "scenario"
    case .balance: return "balance"
    case .lostUpdates: return "lost updates"
    case .elapsed: return "elapsed"
    case .operations: return "operations"
    case .lock(let name): return "lock \(name)"
    case .semaphore(let name): return "semaphore \(name)"
    case .condition(let name): return "condition \(name)"
    case .figure(let label): return label
    case .hang: return "hang"
    case .deadlock: return "deadlock"
    case .dropped: return "dropped"
    case .notStarted: return "not started"
    case .overlap: return "ran at once"
    }
  }

  public func overlap(_ parallelism: Double, workers: Int, cpu: UInt64, span: UInt64) -> String {
    "\(Duration.rounded(parallelism, 2)) of \(workers) workers on average "
      + "(CPU \(Duration.text(cpu)) over \(Duration.text(span)))"
      + (parallelism < 1.25
        ? ": the system mostly gave them turns, so few updates could be lost" : "")
  }

  public var pacedOverlap: String {
    "one step at a time, so updates are lost more often than when threads run free"
  }

  public func atOnce(_ parallelism: Double, of workers: Int) -> String {
    "cores busy \(Duration.rounded(parallelism, 1))/\(workers)"
  }

  public func scenarioLine(_ id: String, threads: Int, iterations: Int?) -> String {
    "\(id), \(self.threads(threads, short: false))"
      + (iterations.map { " x \($0) iteration" + ($0 == 1 ? "" : "s") } ?? "")
  }

  public func summaryVerdict(drift: Int, lost: Int, notEveryThread: Bool) -> String {
    if notEveryThread { return "not every thread ran" }
    if drift != 0 { return "wrong by \(drift)" }
    return lost > 0 ? "right only by luck: \(lost) lost updates cancelled out" : "correct"
  }

  public func balanceLine(final: Int, expected: Int, verdict: String) -> String {
    "\(final) (expected \(expected), \(verdict))"
  }

  public var lostNotTracedLong: String { "not traced at full speed (the drift is exact)" }

  public func operations(_ count: Int, rate: String) -> String { "\(count) (\(rate)/s)" }

  public var holdNotTimed: String { "hold time not measured at full speed" }

  public func lockLine(_ lock: PrimitiveSnapshot, held: String?, contention: String) -> String {
    "\(lock.acquisitions) acquisitions, \(lock.contended) contended (\(contention)), "
      + "wait avg \(Duration.text(lock.averageWaitNs)) max \(Duration.text(lock.maxWaitNs)), "
      + (held.map { "held \($0) of the run" } ?? holdNotTimed) + ", \(lock.timeouts) timeouts"
  }

  public func refusedLine(_ count: Int, of total: Int) -> String {
    "\(count) of \(total) threads: the system refused them"
  }

  public func refusedChildren(_ count: Int, of total: Int, because reason: String) -> String {
    "the system refused to start \(count) of \(total) child processes (\(reason))"
  }

  public func refusedError(_ count: Int, of total: Int) -> String {
    "the system refused to start \(count) of \(total) threads "
      + "(memory or a limit: see ulimit -s, ulimit -v)"
  }
}
