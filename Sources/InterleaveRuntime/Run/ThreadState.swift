/// Where a thread is in its life, as the dashboard's state badge shows it.
public enum ThreadState: Int, Sendable, CaseIterable {
  case created
  case running
  /// Waiting for a lock (`WorkerSnapshot.waitingFor` says which).
  case waiting
  case sleeping
  case finished
  case cancelled
  /// The system refused to create the thread; it never ran.
  case refused

  /// Whether the thread has ended, normally or not.
  public var isDone: Bool { self == .finished || self == .cancelled || self == .refused }
}
