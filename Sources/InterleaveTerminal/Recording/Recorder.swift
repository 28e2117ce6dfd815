import CSystem
import Glibc
import InterleaveDashboard
import InterleavePlatform
import InterleaveText
import Synchronization

/// Puts ncurses on a pseudo-terminal and copies every byte it sends to an
/// asciicast file and, unless headless, to the real terminal, whose keys are
/// forwarded the other way. What the user sees is exactly what is recorded.
public final class Recorder: Sendable {
  /// The pty side ncurses draws on (the slave).
  public let screenDescriptor: Int32
  private let master: Int32
  public let cast: CastWriter
  private let headless: Bool
  private let stopping = Atomic<Bool>(false)
  /// When the pump last copied output (monotonic ns).
  private let lastOutput = Atomic<UInt64>(0)
  private let threads = LockedBox<[OSThread]>([])
  private let size: LockedBox<(width: Int, height: Int)>

  /// Opens the pty at `width` x `height` and starts copying.
  /// - Parameter headless: no real terminal at all (only the cast receives the bytes).
  public init(cast: CastWriter, width: Int, height: Int, headless: Bool) throws(SystemError) {
    var master: Int32 = -1
    var slave: Int32 = -1
    guard il_openpty(&master, &slave, Int32(height), Int32(width)) == 0 else {
      throw SystemError.errno("cannot open a pseudo-terminal")
    }
    self.master = master
    // Keys are written to it a little at a time, never blocking a stop (see `send`).
    _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    screenDescriptor = slave
    self.cast = cast
    self.headless = headless
    size = LockedBox((width, height))
    if !headless { _ = il_tty_raw(STDIN_FILENO) }
    let pump = OSThread.spawn { [self] in pumpOutput() }
    let keys = headless ? nil : OSThread.spawn { [self] in forwardKeys() }
    threads.withLockedValue { $0 = [pump, keys].compactMap { $0 } }
  }

  /// The real terminal's size now (the recording's size when headless).
  public func realSize() -> (width: Int, height: Int) {
    guard !headless else { return size.snapshot }
    var rows: Int32 = 0
    var cols: Int32 = 0
    guard il_get_winsize(STDOUT_FILENO, &rows, &cols) == 0, rows > 0, cols > 0 else {
      return size.snapshot
    }
    return (Int(cols), Int(rows))
  }

  /// Follows the real terminal's size: resizes the pty and records an `r` event.
  /// - Returns: the new size when it changed.
  public func followResize() -> (width: Int, height: Int)? {
    let now = realSize()
    let changed = size.withLockedValue { current -> Bool in
      guard current != now else { return false }
      current = now
      return true
    }
    guard changed else { return nil }
    _ = il_set_winsize(master, Int32(now.height), Int32(now.width))
    cast.resize(width: now.width, height: now.height)
    return now
  }

  /// Stops copying once ncurses has let go of the screen; restores the real
  /// terminal and closes the cast (idempotent).
  /// - Returns: why the recording is not whole, if a write failed.
  @discardableResult
  public func stop() -> SystemError? {
    guard !stopping.exchange(true, ordering: .relaxed) else { return cast.failure }
    for thread in threads.withLockedValue({ $0 }) { thread.join() }
    if !headless { il_tty_restore() }
    close(screenDescriptor)
    close(master)
    return cast.close()
  }

  /// Puts the real terminal back in raw mode (after a stop the shell may
  /// have reset it).
  /// Only in the foreground: a background job must leave the terminal alone
  /// (the shell's `fg` continues it again when it is its turn).
  public func reraw() {
    if !headless, il_in_foreground(STDIN_FILENO) != 0 { il_tty_reraw() }
  }

  /// Whether Ctrl-Z was typed since the last call.
  public func takeSuspendRequest() -> Bool { pendingSuspend.exchange(false, ordering: .relaxed) }

  /// Stops the process as Ctrl-Z would, with the real terminal given back
  /// while it is stopped: `screen` leaves the terminal (through the pty), the
  /// real terminal's modes are restored, and on `fg` both come back.
  public func suspend(_ screen: NcursesScreen) {
    screen.leave()
    // Let the pump copy what leaving sent (at most a few hundred ms).
    waitQuiet(quiet: 30_000_000, limit: 300_000_000)
    if !headless { il_tty_restore() }
    kill(getpid(), SIGSTOP)
    if !headless { il_tty_reraw() }
    screen.invalidate()
  }

  /// Waits until the pump has copied nothing for `quiet` ns, at most `limit` ns.
  private func waitQuiet(quiet: UInt64, limit: UInt64) {
    let start = MonotonicClock.now()
    while MonotonicClock.now() - start < limit {
      if MonotonicClock.now() &- lastOutput.load(ordering: .relaxed) >= quiet { return }
      usleep(5_000)
    }
  }

  private func pumpOutput() {
    var buffer = [UInt8](repeating: 0, count: 65536)
    var quietRounds = 0
    while true {
      var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
      let ready = poll(&poller, 1, 20)
      if ready > 0 {
        let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
        if count < 0, errno == EINTR || errno == EAGAIN { continue }
        if count <= 0 { break }
        lastOutput.store(MonotonicClock.now(), ordering: .relaxed)
        cast.output(buffer[..<count])
        if !headless { try? FileDescriptor.writeAll(STDOUT_FILENO, buffer[..<count]) }
        quietRounds = 0
      } else if stopping.load(ordering: .relaxed) {
        // Drain: stop after the pty has been quiet for a little while.
        quietRounds += 1
        if quietRounds > 2 { break }
      }
    }
  }

  private func forwardKeys() {
    var buffer = [UInt8](repeating: 0, count: 1024)
    var background = false
    // A paste is dropped here, before it reaches the pty: a megabyte of it
    // is no backlog of keys to type, and never in the recording.
    var pastes = PasteFilter()
    while !stopping.load(ordering: .relaxed) {
      // A background job that reads the terminal is stopped (SIGTTIN): wait
      // to be in the foreground again. The shell's `fg` may not continue a
      // job it knows is running, so coming back is noticed here: the
      // terminal goes raw again and the next frame paints everything.
      if il_in_foreground(STDIN_FILENO) == 0 {
        background = true
        usleep(50_000)
        continue
      }
      if background || il_tty_lost_raw() != 0 {
        background = false
        il_tty_reraw()
        pendingContinue.store(true, ordering: .relaxed)
      }
      var poller = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
      guard poll(&poller, 1, 50) > 0 else {
        send(pastes.flush(now: MonotonicClock.now()).map { UInt8(truncatingIfNeeded: $0) })
        continue
      }
      let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
      // A stop or a move to the background interrupts a read: carry on.
      if count < 0, errno == EINTR || errno == EAGAIN || errno == EIO { continue }
      if count <= 0 { break }
      let now = MonotonicClock.now()
      var keys: [UInt8] = []
      for byte in buffer[..<count] {
        keys += pastes.feed(UInt32(byte), now: now).map { UInt8(truncatingIfNeeded: $0) }
      }
      // The real terminal is raw, so Ctrl-C and Ctrl-Z arrive as bytes:
      // treat them as SIGINT and SIGTSTP would be.
      if keys.contains(3) { pendingQuitSignal.store(SIGINT, ordering: .relaxed) }
      if keys.contains(0x1A) { pendingSuspend.store(true, ordering: .relaxed) }
      send(keys.filter { $0 != 0x1A })
    }
  }

  /// Writes keys to the pty as fast as ncurses takes them; a stop ends the
  /// wait (what is left is dropped), so a backlog can never hold up quitting.
  private func send(_ keys: [UInt8]) {
    var offset = 0
    while offset < keys.count, !stopping.load(ordering: .relaxed) {
      var poller = pollfd(fd: master, events: Int16(POLLOUT), revents: 0)
      guard poll(&poller, 1, 50) > 0 else { continue }
      let written = keys.withUnsafeBytes {
        write(master, $0.baseAddress! + offset, $0.count - offset)
      }
      if written > 0 {
        offset += written
      } else if written < 0, errno != EAGAIN, errno != EINTR {
        return
      }
    }
  }

}
