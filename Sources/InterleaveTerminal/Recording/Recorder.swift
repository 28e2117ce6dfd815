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
  public func stop() {
    guard !stopping.exchange(true, ordering: .relaxed) else { return }
    for thread in threads.withLockedValue({ $0 }) { thread.join() }
    if !headless { il_tty_restore() }
    close(screenDescriptor)
    close(master)
    cast.close()
  }

  private func pumpOutput() {
    var buffer = [UInt8](repeating: 0, count: 65536)
    var quietRounds = 0
    while true {
      var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
      let ready = poll(&poller, 1, 20)
      if ready > 0 {
        let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
        if count <= 0 { break }
        cast.output(buffer[..<count])
        if !headless { Recorder.writeAll(STDOUT_FILENO, buffer[..<count]) }
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
    while !stopping.load(ordering: .relaxed) {
      var poller = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
      guard poll(&poller, 1, 50) > 0 else { continue }
      let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
      if count <= 0 { break }
      // The real terminal is raw, so Ctrl-C arrives as a byte: treat it as SIGINT.
      if buffer[..<count].contains(3) { pendingQuitSignal.store(SIGINT, ordering: .relaxed) }
      Recorder.writeAll(master, buffer[..<count])
    }
  }

  static func writeAll(_ descriptor: Int32, _ bytes: ArraySlice<UInt8>) {
    var offset = bytes.startIndex
    while offset < bytes.endIndex {
      let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      if written < 0 {
        if errno == EINTR { continue }
        return
      }
      offset += written
    }
  }
}
