import InterleaveDashboard
import InterleavePlatform

/// A screen in memory: frames are kept, keys are queued by another thread.
/// The whole session runs against it in tests, with no terminal.
public final class MemoryScreen: Screen, Sendable {
  private struct State {
    var width: Int
    var height: Int
    var keys: [Key] = []
    var last: Canvas?
    var frames = 0
    var theme: String = ""
    var quit: Int32?
  }

  private let mutex = PThreadMutex()
  private let state: LockedState

  public init(width: Int, height: Int) {
    state = LockedState(State(width: width, height: height))
  }

  // MARK: - Screen

  public var size: (width: Int, height: Int) {
    mutex.withLock { (state.value.width, state.value.height) }
  }

  public func draw(_ canvas: Canvas) {
    mutex.withLock {
      state.value.last = canvas
      state.value.frames += 1
      mutex.broadcast()
    }
  }

  public func readKey(timeout milliseconds: Int32) -> Key? {
    let deadline = MonotonicClock.now() + UInt64(max(0, milliseconds)) * 1_000_000
    return mutex.withLock {
      while state.value.keys.isEmpty && state.value.quit == nil {
        guard MonotonicClock.now() < deadline else { return nil }
        mutex.wait(until: deadline)
      }
      return state.value.keys.isEmpty ? nil : state.value.keys.removeFirst()
    }
  }

  public func use(_ theme: Theme) { mutex.withLock { state.value.theme = theme.name } }
  public func invalidate() {}

  public func resize(width: Int, height: Int) {
    mutex.withLock {
      state.value.width = width
      state.value.height = height
    }
  }

  public var quitSignal: Int32? { mutex.withLock { state.value.quit } }
  public func stop() {}

  // MARK: - Driving it

  /// Queues keys, as if typed.
  public func press(_ keys: Key...) { press(keys) }

  /// Queues keys, as if typed all at once.
  public func press(_ keys: [Key]) {
    mutex.withLock {
      state.value.keys += keys
      mutex.broadcast()
    }
  }

  /// Changes the size and queues the resize key, as a terminal would.
  public func resizeTerminal(width: Int, height: Int) {
    mutex.withLock {
      state.value.width = width
      state.value.height = height
      state.value.keys.append(.resize)
      mutex.broadcast()
    }
  }

  /// Delivers a quit signal, as SIGTERM would.
  public func signal(_ number: Int32) {
    mutex.withLock {
      state.value.quit = number
      mutex.broadcast()
    }
  }

  /// The last frame drawn.
  public var frame: Canvas? { mutex.withLock { state.value.last } }
  /// Frames drawn so far.
  public var frameCount: Int { mutex.withLock { state.value.frames } }
  /// The theme in use.
  public var themeName: String { mutex.withLock { state.value.theme } }

  /// Waits (at most `timeout` seconds) for the current frame, or one drawn
  /// later, to satisfy `condition`; returns it, or nil when none did.
  public func waitFor(timeout: Double = 10, _ condition: (Canvas) -> Bool) -> Canvas? {
    let deadline = MonotonicClock.now() + UInt64(timeout * 1e9)
    return mutex.withLock {
      var seen = state.value.frames
      if let last = state.value.last, condition(last) { return last }
      while MonotonicClock.now() < deadline {
        mutex.wait(until: deadline)
        guard state.value.frames != seen, let last = state.value.last else { continue }
        seen = state.value.frames
        if condition(last) { return last }
      }
      return nil
    }
  }

  /// The screen's mutable state, touched only with `mutex` held.
  ///
  /// `@unchecked Sendable`: every access is inside `mutex`.
  private final class LockedState: @unchecked Sendable {
    var value: State
    init(_ value: State) { self.value = value }
  }
}
