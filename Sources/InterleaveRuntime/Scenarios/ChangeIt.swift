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
}
