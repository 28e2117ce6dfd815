/// One instruction of a thread's program in a scenario's model.
///
/// Instructions that are steps match the runtime's step points one for one
/// (the scheduler's choices); the others (jumps and register work) run at
/// once, right after the step before them, and may read only what the
/// thread owns (its registers, or cells guarded by a lock it holds).
public enum Instruction: Hashable, Sendable {
  // MARK: Steps

  /// `register = memory[cell]`.
  case read(cell: Int, into: Int)
  /// `memory[cell] = register + plus`.
  case write(cell: Int, from: Int, plus: Int)
  /// `memory[cell] += amount`, indivisibly.
  case atomicAdd(cell: Int, amount: Int)
  /// Takes a mutex: only when it is free.
  case acquire(Int)
  /// Lets a mutex go.
  case release(Int)
  /// Takes a permit of a semaphore: only when there is one.
  case semaphoreAcquire(Int)
  /// Gives a permit back; past `bound` (a bounded semaphore) it is an error.
  case semaphoreRelease(Int, bound: Int?)
  /// `condition.wait()`: lets the mutex go and joins the condition's waiters.
  case wait(condition: Int, mutex: Int)
  /// Wakes from `wait`: only once notified (the mutex is taken next).
  case wake(condition: Int)
  /// `notify()` (the longest waiter) or `notify_all()`.
  case notify(condition: Int, all: Bool)
  /// A step that touches nothing shared (a sleep, a print, a bytecode).
  case local(LocalStep)
  /// Ends the thread with an error (Python would raise it): the run's
  /// outcome carries it.
  case fail(ModelError)
  /// `buffer.append(item)`: one more item in `cell`.
  case put(cell: Int)
  /// `buffer.pop(0)`: one item fewer in `cell`; on an empty buffer the
  /// thread raises `IndexError` and ends.
  case take(cell: Int)

  // MARK: Not steps

  /// Jumps when a register or cell compares so with a value.
  case jumpIf(Operand, Comparison, Int, to: Int)
  case jump(to: Int)
  /// `register = value`.
  case set(register: Int, to: Int)
  /// `register += amount`.
  case add(register: Int, amount: Int)
  /// `memory[cell] = max(memory[cell], memory[of])`: a tally kept exactly.
  case recordMax(cell: Int, of: Int)

  /// Whether the instruction is a step (a scheduler choice).
  public var isStep: Bool {
    switch self {
    case .jumpIf, .jump, .set, .add, .recordMax: return false
    default: return true
    }
  }

  /// What a branch compares.
  public enum Operand: Hashable, Sendable {
    case register(Int)
    case cell(Int)
  }

  public enum Comparison: Hashable, Sendable {
    case equal
    case notEqual
    case less
    case greaterOrEqual

    func holds(_ value: Int, _ bound: Int) -> Bool {
      switch self {
      case .equal: return value == bound
      case .notEqual: return value != bound
      case .less: return value < bound
      case .greaterOrEqual: return value >= bound
      }
    }
  }
}

/// A step that touches nothing shared, by what it stands for.
public enum LocalStep: Hashable, Sendable {
  /// `time.sleep(...)`.
  case sleep
  /// The loop's `n = n + 1`.
  case count
  /// One bytecode that touches nothing shared.
  case bytecode
}

/// An error a thread of a model can end with, as Python names it.
public enum ModelError: Int, Hashable, Sendable, CaseIterable {
  /// `list.pop()` on an empty list.
  case popFromEmpty
  /// A bounded semaphore released more often than acquired.
  case semaphoreOverRelease
}
