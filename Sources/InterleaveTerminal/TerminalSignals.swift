import CNcurses
import CSystem
import Glibc
import Synchronization

/// The last quit signal received (SIGINT, SIGTERM, SIGHUP), or 0.
let pendingQuitSignal = Atomic<Int32>(0)
/// Set when the process was continued after a stop (SIGCONT): whatever is
/// on the terminal now, the next frame must paint everything.
let pendingContinue = Atomic<Bool>(false)
/// Whether the terminal was told to bracket pastes: a fatal signal turns
/// that off on the real terminal (stdout, also while recording).
let pastesBracketed = Atomic<Bool>(false)
/// Set when Ctrl-Z arrived as a byte (the real terminal is raw while recording).
let pendingSuspend = Atomic<Bool>(false)

/// Signal handling while the screen is up: quit signals become a flag the
/// frame loop reads; fatal signals restore the terminal and then die as usual.
public enum TerminalSignals {
  static let quitSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
  /// Every other signal whose default action ends the process: each
  /// restores the terminal, then ends it as it would have (SIGPIPE is
  /// ignored from the start: a closed reader is an EPIPE to report).
  static let fatalSignals: [Int32] = [
    SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM,
    SIGVTALRM, SIGPROF, SIGXCPU, SIGSYS, SIGSTKFLT, SIGPWR, SIGIO,
  ]

  /// Swift globals are initialised on first use, under a lock a signal
  /// handler must not take: every flag a handler touches is touched here
  /// first, before any handler is installed.
  static func prepareFlags() {
    _ = pendingQuitSignal.load(ordering: .relaxed)
    _ = pendingContinue.load(ordering: .relaxed)
    _ = pendingSuspend.load(ordering: .relaxed)
    _ = pastesBracketed.load(ordering: .relaxed)
    _ = pasteOff
  }

  /// Idempotent. Call before the terminal changes in any way.
  public static func install() {
    prepareFlags()
    for signalNumber in quitSignals {
      signal(signalNumber, onQuitSignal)
      // A parent may have blocked them (a test runner does): they must arrive.
      il_unblock_signal(signalNumber)
    }
    signal(SIGCONT, onContinue)
    il_unblock_signal(SIGCONT)
    for signalNumber in fatalSignals {
      signal(signalNumber, onFatalSignal)
      il_unblock_signal(signalNumber)
    }
  }

  /// For plain mode: quit signals become the flag `pendingQuit` reads, so
  /// the run is cancelled and its threads (and child processes) cleaned up.
  public static func installQuit() {
    prepareFlags()
    for signalNumber in quitSignals {
      signal(signalNumber, onQuitSignal)
      il_unblock_signal(signalNumber)
    }
  }

  /// The quit signal received, if any.
  public static var pendingQuit: Int32? {
    let signal = pendingQuitSignal.load(ordering: .relaxed)
    return signal == 0 ? nil : signal
  }

  /// Whether the process was continued after a stop since the last call.
  public static func takeContinue() -> Bool {
    pendingContinue.exchange(false, ordering: .relaxed)
  }

  public static func uninstall() {
    for signalNumber in quitSignals + fatalSignals + [SIGCONT] {
      signal(signalNumber, SIG_DFL)
    }
  }
}

/// `PasteFilter.disable`, made before any handler runs.
private let pasteOff = PasteFilter.disable

private func onContinue(_ signalNumber: Int32) {
  pendingContinue.store(true, ordering: .relaxed)
}

private func onQuitSignal(_ signalNumber: Int32) {
  pendingQuitSignal.store(signalNumber, ordering: .relaxed)
}

private func onFatalSignal(_ signalNumber: Int32) {
  // Not async-signal-safe in theory; htop and others do the same because a
  // terminal left in raw mode is worse than the small risk.
  endwin()
  if pastesBracketed.load(ordering: .relaxed), isatty(STDOUT_FILENO) == 1 {
    _ = pasteOff.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
  }
  il_tty_restore()
  signal(signalNumber, SIG_DFL)
  raise(signalNumber)
}
