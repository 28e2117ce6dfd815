/// Thrown out of a step point when the run is cancelled, so the scenario
/// unwinds (releasing its locks) and the thread ends.
public struct Cancelled: Error, Sendable {}
