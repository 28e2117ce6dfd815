import CSystem
import Glibc

/// A joinable pthread running a closure.
public struct OSThread: Sendable {
  /// `@unchecked Sendable`: the handle is an opaque id the pthread API accepts
  /// from any thread; it is joined exactly once, by its owner.
  private struct Handle: @unchecked Sendable { let value: pthread_t }
  private let handle: Handle

  /// Starts a thread that runs `body`.
  /// - Returns: nil when the system refuses another thread.
  public static func spawn(_ body: @escaping @Sendable () -> Void) -> OSThread? {
    let box = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
    var thread = pthread_t()
    let status = pthread_create(&thread, nil, osThreadEntry, box)
    guard status == 0 else {
      Unmanaged<ThreadBody>.fromOpaque(box).release()
      return nil
    }
    return OSThread(handle: Handle(value: thread))
  }

  /// Waits for the thread to end.
  public func join() { pthread_join(handle.value, nil) }

  /// Lets the thread end on its own: nobody will join it.
  public func detach() { pthread_detach(handle.value) }

  /// Names the calling thread for `ps -L` and `/proc/.../comm`.
  public static func nameCurrent(_ name: String) {
    _ = il_set_thread_name(osName(name))
  }

  /// Linux keeps 15 bytes of a thread's name.
  public static let nameLimit = 15

  /// `name` cut to at most 15 bytes without splitting a UTF-8 character.
  public static func osName(_ name: String) -> String {
    var bytes = 0
    var kept = ""
    for scalar in name.unicodeScalars {
      let size = String(scalar).utf8.count
      guard bytes + size <= nameLimit else { break }
      bytes += size
      kept.unicodeScalars.append(scalar)
    }
    return kept
  }
}

private final class ThreadBody: Sendable {
  let run: @Sendable () -> Void
  init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}

/// The pthread entry point: nonisolated, so it runs on any thread.
private func osThreadEntry(_ argument: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
  let body = Unmanaged<ThreadBody>.fromOpaque(argument!).takeRetainedValue()
  body.run()
  return nil
}
