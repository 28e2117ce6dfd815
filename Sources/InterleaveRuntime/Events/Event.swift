/// One thing a thread did, as the dashboard and the plain output see it.
///
/// Events are plain values (no references) so the queue can copy them with no
/// reference counting on the producer's hot path.
public struct Event: Sendable, Equatable {
  /// Nanoseconds since the run started (monotonic clock).
  public var time: UInt64
  /// 0 is the main thread; workers are 1...N (`Thread-1` is 1).
  public var thread: Int
  public var kind: EventKind

  public init(time: UInt64, thread: Int, kind: EventKind) {
    self.time = time
    self.thread = thread
    self.kind = kind
  }
}

/// What happened, with its payload.
public enum EventKind: Sendable, Equatable {
  /// The thread began running: its kernel id and pthread ident.
  case started(tid: Int32, ident: UInt)
  /// The thread returned normally.
  case finished
  /// The thread was cancelled and unwound.
  case cancelled
  /// The main thread starts waiting for worker `thread` to end.
  case joining(thread: Int)
  /// Worker `thread` ended and the main thread joined it.
  case joined(thread: Int)
  /// The loop scenario's counter after its increment (`>>> n`).
  case count(Int)
  /// The thread read the shared balance.
  case read(value: Int)
  /// The thread wrote the shared balance.
  case write(value: Int)
  /// An atomic add on the balance: the amount and the value after it.
  case atomicAdd(amount: Int, result: Int)
  /// This thread's write overwrote writes made by others since its read.
  case lostUpdate(LostUpdate)
  /// The thread found a primitive taken and began to wait for it.
  case waiting(primitive: Int)
  /// The thread took a primitive after waiting `waited` ns (0: at once).
  case acquired(primitive: Int, waited: UInt64)
  /// `acquire(timeout:)` gave up.
  case timedOut(primitive: Int, waited: UInt64)
  /// The thread let go of a primitive after holding it `held` ns.
  case released(primitive: Int, held: UInt64)
  /// The seed's `(Locked: True) Thread is <ident>...` report.
  case lockState(primitive: Int, locked: Bool, ident: UInt)
  /// The seed's `print(balance)` inside the coarse loop.
  case balance(Int)
  /// The thread sleeps `duration` ns (the pace's step), where its code
  /// says `time.sleep` for `written` ns (0 when the code gives no figure).
  case sleep(duration: UInt64, written: UInt64)
  /// A wait-for cycle was found; `Run.deadlock` holds it.
  case deadlock(length: Int)
  /// `cond.wait()`: the thread let the lock go and waits to be notified.
  case conditionWait(primitive: Int)
  /// The thread was notified and woke (it takes the lock next).
  case notified(primitive: Int)
  /// `notify()` or `notify_all()`, and how many waiters it woke.
  case notify(primitive: Int, all: Bool, woken: Int)
  /// `buffer.append(item)`: the items in the buffer after it.
  case put(items: Int)
  /// `buffer.pop(0)`: the items in the buffer after it.
  case take(items: Int)
  /// The thread raised the error Python would (and ended).
  case raised(ModelError)
  /// Every live thread waits on a condition that nobody is left to notify.
  case hang(waiting: Int)
  /// A connection of the pool taken (+1) or given back (-1): in use after it.
  case inUse(delta: Int, count: Int)
  /// One bytecode that touches nothing shared.
  case bytecode(Bytecode)
  /// The interpreter handed the GIL to another thread at a switch point.
  case gilSwitch
  /// A store to a named shared cell (`x = 1`).
  case store(cell: Int, value: Int)
  /// A load of a named shared cell into a register (`r1 = y`).
  case load(cell: Int, value: Int)
  /// A child process was started for this worker.
  case spawned(pid: Int32)
}

/// The bytecodes of `balance = balance + n` that touch nothing shared.
public enum Bytecode: Sendable, Equatable {
  /// `LOAD_FAST n`.
  case loadFast
  /// `BINARY_OP +` or `-`.
  case binaryOp(add: Bool)
}

/// A write that overwrote other threads' writes made since the writer's read.
public struct LostUpdate: Sendable, Equatable {
  /// The thread whose write was overwritten (the last writer before this one).
  public var victim: Int
  /// The value this thread had read.
  public var readValue: Int
  /// The value that was in the balance just before this write (the victim's).
  public var overwritten: Int
  /// The value this thread wrote.
  public var written: Int
  /// Under a scheduler: the step number of this write (1-based).
  public var step: Int?
  /// Under a scheduler: the step number of the overwritten write.
  public var victimStep: Int?
  /// The victim's own change, wiped out (its write less what it had read),
  /// when known. It differs from `amount` when the victim's read was itself
  /// already stale.
  public var victimChange: Int?

  /// How much the balance lost by this write: what others had added since the
  /// read, wiped out. The sum over a run equals `expected - final`.
  public var amount: Int { overwritten - readValue }

  public init(
    victim: Int, readValue: Int, overwritten: Int, written: Int, step: Int? = nil,
    victimStep: Int? = nil
  ) {
    self.victim = victim
    self.readValue = readValue
    self.overwritten = overwritten
    self.written = written
    self.step = step
    self.victimStep = victimStep
  }
}
