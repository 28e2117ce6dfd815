/// What a thread's next step will do, from its state in the model: what a
/// learner who drives the scheduler sees before choosing.
public enum StepPreview: Equatable, Sendable {
  /// `read balance (now 5)`: the value it will read.
  case read(cell: Int, value: Int)
  /// `write balance = 13`: the value it will write.
  case write(cell: Int, value: Int)
  /// `balance += 5`, indivisibly.
  case atomicAdd(cell: Int, amount: Int)
  case acquire(primitive: Int)
  /// It would wait: `primitive` is held by `holder` (a 0-based thread), or
  /// (nil) has no permit left.
  case blocked(primitive: Int, holder: Int?)
  case release(primitive: Int)
  case local(LocalStep)
  /// `cond.wait()`: lets the lock go and waits.
  case wait(condition: Int)
  /// Waits to be notified.
  case waitsForNotify(condition: Int)
  /// Woken: takes the lock again and goes on.
  case wake(condition: Int)
  case notify(condition: Int, all: Bool)
  case semaphoreRelease(primitive: Int)
  /// It will raise this error.
  case fail(ModelError)
  /// `buffer.append(item)`, `items` in the buffer before it.
  case put(items: Int)
  /// `buffer.pop(0)`, `items` in the buffer before it (0: it will raise).
  case take(items: Int)
  /// It has run its whole program.
  case finished
}

extension Machine {
  /// What `thread` (0-based) will do next in `state`.
  public func preview(_ state: MachineState, _ thread: Int) -> StepPreview {
    let values = state.values
    guard let instruction = next(values, thread) else { return .finished }
    let register = registerBase + thread * registers
    switch instruction {
    case .read(let cell, _): return .read(cell: cell, value: Int(values[memoryBase + cell]))
    case .write(let cell, let from, let plus):
      return .write(cell: cell, value: Int(values[register + from]) + plus)
    case .atomicAdd(let cell, let amount): return .atomicAdd(cell: cell, amount: amount)
    case .acquire(let mutex):
      let holder = Int(values[holderBase + mutex])
      return holder < 0 ? .acquire(primitive: mutex) : .blocked(primitive: mutex, holder: holder)
    case .release(let mutex): return .release(primitive: mutex)
    case .semaphoreAcquire(let semaphore):
      return values[holderBase + semaphore] > 0
        ? .acquire(primitive: semaphore) : .blocked(primitive: semaphore, holder: nil)
    case .semaphoreRelease(let semaphore, _): return .semaphoreRelease(primitive: semaphore)
    case .wait(let condition, _): return .wait(condition: condition)
    case .wake(let condition):
      return enabled(values, thread)
        ? .wake(condition: condition) : .waitsForNotify(condition: condition)
    case .notify(let condition, let all): return .notify(condition: condition, all: all)
    case .local(let kind): return .local(kind)
    case .fail(let error): return .fail(error)
    case .put(let cell): return .put(items: Int(values[memoryBase + cell]))
    case .take(let cell): return .take(items: Int(values[memoryBase + cell]))
    case .jumpIf, .jump, .set, .add, .recordMax: return .finished
    }
  }

  /// Whether `thread` (0-based) exists and may take a step in `state`.
  public func canStep(_ state: MachineState, _ thread: Int) -> Bool {
    (0..<threads).contains(thread) && enabled(state.values, thread)
  }

  /// The cell's value in `state`.
  public func cell(_ state: MachineState, _ index: Int) -> Int {
    Int(state.values[memoryBase + index])
  }
}
