import CSystem
import Glibc
import Synchronization

/// Whether everything written to stdout got there. A write that fails (a
/// full disk, stdout closed, /dev/full) ends the command with one line and
/// 74; only EPIPE, a reader that went away on purpose (`| head`), is quiet.
enum StandardOutput {
  /// The first write error's errno, 0 while none.
  private static let failure = Atomic<Int32>(0)

  /// Notes a failed write to stdout (from `OutputSink`).
  static func failed(_ code: Int32) {
    _ = failure.compareExchange(expected: 0, desired: code, ordering: .relaxed)
  }

  /// Flushes stdio's stdout and turns a write error into the exit status.
  static func finish(_ status: Int32) -> Int32 {
    let flushed = il_flush_stdout()
    if flushed != 0 { failed(flushed) }
    let code = failure.load(ordering: .relaxed)
    guard code != 0, code != EPIPE else { return status }
    InterleaveMain.notice("error: cannot write the output (\(String(cString: strerror(code))))")
    return status == 0 ? 74 : status
  }
}
