/// A thread, lock, condition or semaphore a program made, and what its
/// operations do to it: the same rules whichever executor runs the program.
public enum SharedObject: Hashable, Sendable {
  case thread(ThreadObject)
  case lock(LockObject)
  /// A condition over a lock; `waiting` in arrival order, `notified` may go.
  case condition(lock: Int, waiting: [Int], notified: [Int])
  case semaphore(value: Int, bound: Int?)
}

public struct ThreadObject: Hashable, Sendable {
  public enum State: Hashable, Sendable { case initial, started, stopped }
  public var name: String
  /// The function it runs (nil for the main thread).
  public var target: Value?
  public var arguments: [Value] = []
  /// Raised in the thread when it starts, as CPython raises it from
  /// `run()`: `args` that cannot be spread into the target's arguments.
  public var argumentsError: PythonError?
  public var state: State = .initial
  /// Its identifier once started (`get_ident()`).
  public var ident = 0
  /// A daemon: the program ends without waiting for it.
  public var daemon = false
  /// Started by `_thread.start_new_thread` (a `_DummyThread` to Python).
  public var dummy = false
  /// The main thread.
  public var isMain = false
}

public struct LockObject: Hashable, Sendable {
  /// The thread (object index) holding it.
  public var owner: Int?
  /// `RLock`: the owner may take it again; `count` times.
  public var reentrant = false
  public var count = 0
  /// Made by `_thread.allocate_lock()` (its type prints so).
  public var fromThreadModule = false
}

/// The objects of a run and the thread-naming counter (`Thread-N`).
public struct SharedObjects: Hashable, Sendable {
  public var objects: [SharedObject] = []
  /// `threading`'s counter for `Thread-N` and `Dummy-N` names.
  var counter = 0

  mutating func add(_ object: SharedObject) -> Int {
    objects.append(object)
    return objects.count - 1
  }

  func thread(_ index: Int) -> ThreadObject? {
    guard case .thread(let thread) = objects[index] else { return nil }
    return thread
  }

  mutating func changeThread(_ index: Int, _ body: (inout ThreadObject) -> Void) {
    guard case .thread(var thread) = objects[index] else { return }
    body(&thread)
    objects[index] = .thread(thread)
  }

  mutating func nextName(_ template: String) -> String {
    counter += 1
    return "\(template)-\(counter)"
  }

  // MARK: Locks

  /// Takes lock `index` for `thread` if it can; false when it must wait.
  mutating func tryAcquire(_ index: Int, by thread: Int) -> Bool {
    guard case .lock(var lock) = objects[index] else { return false }
    if lock.owner == nil {
      lock.owner = thread
      lock.count = 1
    } else if lock.reentrant && lock.owner == thread {
      lock.count += 1
    } else {
      return false
    }
    objects[index] = .lock(lock)
    return true
  }

  /// Lets lock `index` go (a plain lock may be released by any thread).
  mutating func release(_ index: Int, by thread: Int) throws(PythonError) {
    guard case .lock(var lock) = objects[index] else { return }
    guard let owner = lock.owner else {
      throw PythonError(
        "RuntimeError", lock.reentrant ? "cannot release un-acquired lock" : "release unlocked lock"
      )
    }
    if lock.reentrant {
      guard owner == thread else {
        throw PythonError("RuntimeError", "cannot release un-acquired lock")
      }
      lock.count -= 1
      if lock.count == 0 { lock.owner = nil }
    } else {
      lock.owner = nil
      lock.count = 0
    }
    objects[index] = .lock(lock)
  }

  func isLocked(_ index: Int) -> Bool {
    guard case .lock(let lock) = objects[index] else { return false }
    return lock.owner != nil
  }

  func owns(_ index: Int, _ thread: Int) -> Bool {
    guard case .lock(let lock) = objects[index] else { return false }
    return lock.owner == thread
  }

  // MARK: Semaphores

  mutating func trySemaphore(_ index: Int) -> Bool {
    guard case .semaphore(let value, let bound) = objects[index], value > 0 else { return false }
    objects[index] = .semaphore(value: value - 1, bound: bound)
    return true
  }

  mutating func releaseSemaphore(_ index: Int, count: Int) throws(PythonError) {
    guard case .semaphore(let value, let bound) = objects[index] else { return }
    if let bound, value + count > bound {
      throw PythonError.valueError("Semaphore released too many times")
    }
    objects[index] = .semaphore(value: value + count, bound: bound)
  }

  // MARK: Conditions

  /// `wait()`: joins the waiters and lets the lock go (it must be held).
  mutating func beginWait(_ index: Int, by thread: Int) throws(PythonError) {
    guard case .condition(let lock, var waiting, let notified) = objects[index] else { return }
    guard owns(lock, thread) else {
      throw PythonError("RuntimeError", "cannot wait on un-acquired lock")
    }
    waiting.append(thread)
    objects[index] = .condition(lock: lock, waiting: waiting, notified: notified)
    try release(lock, by: thread)
  }

  /// Whether `thread` has been notified and can take the lock back; if so
  /// it takes it.
  mutating func tryEndWait(_ index: Int, by thread: Int) -> Bool {
    guard case .condition(let lock, let waiting, var notified) = objects[index],
      let place = notified.firstIndex(of: thread), tryAcquire(lock, by: thread)
    else { return false }
    notified.remove(at: place)
    objects[index] = .condition(lock: lock, waiting: waiting, notified: notified)
    return true
  }

  mutating func notify(_ index: Int, by thread: Int, count: Int?) throws(PythonError) {
    guard case .condition(let lock, var waiting, var notified) = objects[index] else { return }
    guard owns(lock, thread) else {
      throw PythonError("RuntimeError", "cannot notify on un-acquired lock")
    }
    let woken = min(count ?? waiting.count, waiting.count)
    notified += waiting.prefix(woken)
    waiting.removeFirst(woken)
    objects[index] = .condition(lock: lock, waiting: waiting, notified: notified)
  }
}
