/// Pieces of programs the scenarios' models share.
extension Machine {
  /// The balance cell.
  static let balance = 0

  /// `change_it(n)`: read, write plus n, read, write minus n.
  static func changeIt(_ n: Int) -> [Instruction] {
    [
      .read(cell: balance, into: 0), .write(cell: balance, from: 0, plus: n),
      .read(cell: balance, into: 0), .write(cell: balance, from: 0, plus: -n),
    ]
  }

  /// The usual ending: an error first (it is why the rest may be stuck),
  /// then stuck threads as a deadlock (or a hang on a condition), else
  /// `finished` says what counts.
  static func standard(_ finished: @escaping @Sendable (MachineView) -> Outcome)
    -> @Sendable (MachineView) -> Outcome
  {
    { view in
      if let error = view.errors.first { return Outcome(.error(error)) }
      if view.stuck { return Outcome(view.waitingOnCondition ? .hang : .deadlock) }
      return finished(view)
    }
  }

  /// A machine whose outcome is the final balance.
  static func onBalance(
    _ programs: [[Instruction]], primitives: [Primitive] = [], registers: Int = 1
  ) -> Machine {
    Machine(
      programs: programs, primitives: primitives, registers: registers,
      outcome: standard { .balance($0.cell(balance)) })
  }

  /// Worker k's program, for each of `threads` workers (k is 1-based).
  static func workers(_ threads: Int, _ program: (Int) -> [Instruction]) -> [[Instruction]] {
    (1...threads).map(program)
  }
}
