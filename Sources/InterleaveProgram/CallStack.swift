/// One call of a function in a thread: where it is, and where its locals
/// and operand stack start in the thread's `CallStack`. Plain integers.
struct Frame: Hashable, Sendable {
  var function: Int
  var pc = 0
  /// The index of its first local in `CallStack.locals`.
  var localBase: Int
  /// The index of its first operand in `CallStack.stack`.
  var stackBase: Int
  /// In the model: the condition whose `wait()` this frame is in; the
  /// thread's next step takes the lock back once notified.
  var waking: Int?
}

/// A thread's calls: the frames, with every frame's locals in one array
/// and every frame's operands in another, so a call allocates nothing once
/// the arrays have grown (it was most of a call's cost). The innermost
/// frame is held apart from its callers, so moving its pc, every
/// instruction, is a field's change and not an array's.
struct CallStack: Hashable, Sendable {
  /// The innermost frame: nil once the thread has ended.
  var top: Frame?
  /// The frames that called it, outermost first.
  var callers: [Frame] = []
  var locals: [Value?] = []
  var stack: [Value] = []
  /// The error a frame's `finally` handler is running for, by the frame's
  /// depth: kept apart so a frame is plain integers, copied and read with
  /// no reference counting (reading it was a tenth of every instruction).
  var pending: [Int: PythonError] = [:]

  var isEmpty: Bool { top == nil }

  /// How many frames there are.
  var depth: Int { top == nil ? 0 : callers.count + 1 }

  /// Every frame, outermost first.
  var frames: [Frame] { top.map { callers + [$0] } ?? [] }

  private mutating func enter(_ frame: Frame) {
    if let top { callers.append(top) }
    top = frame
  }

  /// Enters `function`: its first locals are `arguments`, the rest unbound.
  mutating func push<C: Collection<Value>>(function: Int, localCount: Int, arguments: C) {
    let base = locals.count
    for argument in arguments { locals.append(argument) }
    for _ in arguments.count..<localCount { locals.append(nil) }
    enter(Frame(function: function, localBase: base, stackBase: stack.count))
  }

  /// Enters `function` called from the innermost frame, whose top
  /// operands are the callee and then its `argumentCount` arguments.
  mutating func call(function: Int, localCount: Int, argumentCount: Int) {
    let base = locals.count
    for index in (stack.count - argumentCount)..<stack.count { locals.append(stack[index]) }
    for _ in argumentCount..<localCount { locals.append(nil) }
    for _ in 0...argumentCount { stack.removeLast() }
    enter(Frame(function: function, localBase: base, stackBase: stack.count))
  }

  /// Enters `function` with its locals already made.
  mutating func push(function: Int, locals frameLocals: [Value?]) {
    let base = locals.count
    locals.append(contentsOf: frameLocals)
    enter(Frame(function: function, localBase: base, stackBase: stack.count))
  }

  /// Leaves the innermost frame, dropping its locals and operands.
  mutating func popFrame() {
    guard let frame = top else { return }
    top = callers.popLast()
    if !pending.isEmpty { pending[depth] = nil }
    // One at a time: a frame has few, and `removeSubrange` costs more
    // than the whole call did.
    while locals.count > frame.localBase { locals.removeLast() }
    while stack.count > frame.stackBase { stack.removeLast() }
  }

  /// Empties the innermost frame's operand stack.
  mutating func clearOperands() {
    guard let frame = top else { return }
    stack.removeSubrange(frame.stackBase...)
  }

  /// The innermost frame's operand `depth` below its top (0: the top).
  func peek(_ depth: Int) -> Value? {
    guard let frame = top, stack.count - depth - 1 >= frame.stackBase else { return nil }
    return stack[stack.count - depth - 1]
  }
}
