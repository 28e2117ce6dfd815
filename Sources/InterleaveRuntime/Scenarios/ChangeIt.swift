/// The seed's `change_it(n)`: `balance += n; balance -= n`, each a read then
/// a write. Shared by the scenarios built on the race.
extension WorkerContext {
  /// `change_it(n)` through four step points.
  func changeIt(_ balance: SharedBalance, _ n: Int) throws(Cancelled) {
    let a = try read(balance)
    try write(balance, a + n)
    let b = try read(balance)
    try write(balance, b - n)
  }

  /// `change_it(n)` as one whole iteration at full speed: the same four
  /// relaxed accesses, with no step points between them.
  @inline(__always)
  func changeItAtFullSpeed(_ balance: SharedBalance, _ n: Int) {
    let a = readAtFullSpeed(balance)
    writeAtFullSpeed(balance, a + n)
    let b = readAtFullSpeed(balance)
    writeAtFullSpeed(balance, b - n)
  }
}
