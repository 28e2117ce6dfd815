/// Which registers a program may still read at each instruction. A
/// register that will be written before it is read again is dead, and the
/// machine clears it, so that states differing only in stale values are
/// one state: the count is the same, the states far fewer.
enum Liveness {
  /// For each instruction of `program` (and its end), a bit per live register.
  /// - Parameter atEnd: the registers read once the program has ended.
  static func live(_ program: [Instruction], atEnd: UInt32 = 0) -> [UInt32] {
    var live = [UInt32](repeating: 0, count: program.count + 1)
    live[program.count] = atEnd
    var changed = true
    while changed {
      changed = false
      for pc in program.indices.reversed() {
        let instruction = program[pc]
        var out: UInt32 = 0
        for next in successors(instruction, pc) where next <= program.count { out |= live[next] }
        let value = uses(instruction) | (out & ~defines(instruction))
        if value != live[pc] {
          live[pc] = value
          changed = true
        }
      }
    }
    return live
  }

  private static func successors(_ instruction: Instruction, _ pc: Int) -> [Int] {
    switch instruction {
    case .jump(let target): return [target]
    case .jumpIf(_, _, _, let target): return [pc + 1, target]
    case .fail: return []
    default: return [pc + 1]
    }
  }

  private static func uses(_ instruction: Instruction) -> UInt32 {
    switch instruction {
    case .write(_, let from, _): return 1 << UInt32(from)
    case .jumpIf(.register(let index), _, _, _): return 1 << UInt32(index)
    case .add(let index, _): return 1 << UInt32(index)
    default: return 0
    }
  }

  private static func defines(_ instruction: Instruction) -> UInt32 {
    switch instruction {
    case .read(_, let into): return 1 << UInt32(into)
    case .set(let index, _): return 1 << UInt32(index)
    default: return 0
    }
  }
}
