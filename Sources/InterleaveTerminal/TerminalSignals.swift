import CNcurses
import CSystem
import Glibc
import Synchronization

/// The last quit signal received (SIGINT, SIGTERM, SIGHUP), or 0.
let pendingQuitSignal = Atomic<Int32>(0)

/// Signal handling while the screen is up: quit signals become a flag the
/// frame loop reads; fatal signals restore the terminal and then die as usual.
public enum TerminalSignals {
  static let quitSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
  static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

  /// Idempotent. Call before the terminal changes in any way.
  public static func install() {
    for signalNumber in quitSignals {
      signal(signalNumber, onQuitSignal)
    }
    for signalNumber in fatalSignals {
      signal(signalNumber, onFatalSignal)
    }
  }

  public static func uninstall() {
    for signalNumber in quitSignals + fatalSignals {
      signal(signalNumber, SIG_DFL)
    }
  }
}

private func onQuitSignal(_ signalNumber: Int32) {
  pendingQuitSignal.store(signalNumber, ordering: .relaxed)
}

private func onFatalSignal(_ signalNumber: Int32) {
  // Not async-signal-safe in theory; htop and others do the same because a
  // terminal left in raw mode is worse than the small risk.
  endwin()
  il_tty_restore()
  signal(signalNumber, SIG_DFL)
  raise(signalNumber)
}
