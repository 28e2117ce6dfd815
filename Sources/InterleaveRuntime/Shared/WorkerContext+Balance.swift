/// Step points on the shared balance: the seed's reads and writes, and the atomic add.
extension WorkerContext {
  /// Reads the shared balance (a relaxed atomic load).
  @inline(__always)
  func read(_ balance: SharedBalance) throws(Cancelled) -> Int {
    let traced = try step()
    lastReadWord = balance.word.load(ordering: .relaxed)
    let value = SharedBalance.value(of: lastReadWord)
    if traced { log(.read(value: value)) }
    return value
  }

  /// Writes the shared balance (a relaxed atomic store). When traced, the
  /// write also learns what it overwrote and reports a lost update.
  @inline(__always)
  func write(_ balance: SharedBalance, _ value: Int) throws(Cancelled) {
    let word = SharedBalance.word(value: value, writer: index)
    if try step() {
      tracedWrite(balance, word: word, value: value)
    } else {
      balance.word.store(word, ordering: .relaxed)
    }
  }

  @inline(never)
  private func tracedWrite(_ balance: SharedBalance, word: Int, value: Int) {
    let read = SharedBalance.value(of: lastReadWord)
    counters.lastWriteChange.store(value &- read, ordering: .relaxed)
    // Acquire and release: whoever overwrites this write sees its change.
    let previous = balance.word.exchange(word, ordering: .acquiringAndReleasing)
    log(.write(value: value))
    if previous != lastReadWord {
      counters.bump(counters.lostUpdates)
      let victim = SharedBalance.writer(of: previous)
      var lost = LostUpdate(
        victim: victim, readValue: read, overwritten: SharedBalance.value(of: previous),
        written: value)
      if victim > 0, shared.counters.indices.contains(victim) {
        lost.victimChange = shared.counters[victim].lastWriteChange.load(ordering: .relaxed)
      }
      if scheduler != nil, shared.counters.indices.contains(victim) {
        lost.step = currentStep
        lost.victimStep = shared.counters[victim].lastWriteStep.load(ordering: .relaxed)
      }
      log(.lostUpdate(lost))
    }
    if scheduler != nil { counters.lastWriteStep.store(currentStep, ordering: .relaxed) }
  }

  /// `balance += amount` as one atomic read-modify-write.
  func atomicAdd(_ balance: SharedBalance, _ amount: Int) throws(Cancelled) {
    let traced = try step()
    let delta = amount << SharedBalance.writerBits
    let result = balance.word.wrappingAdd(delta, ordering: .relaxed).newValue
    if traced { log(.atomicAdd(amount: amount, result: SharedBalance.value(of: result))) }
  }

  // MARK: - Whole iterations at full speed

  /// `balance` read with no step point (a whole iteration at full speed).
  @inline(__always)
  func readAtFullSpeed(_ balance: SharedBalance) -> Int {
    SharedBalance.value(of: balance.word.load(ordering: .relaxed))
  }

  /// `balance = value` with no step point (a whole iteration at full speed).
  @inline(__always)
  func writeAtFullSpeed(_ balance: SharedBalance, _ value: Int) {
    balance.word.store(SharedBalance.word(value: value, writer: index), ordering: .relaxed)
  }
}
