/// Every scenario, in the order of the dashboard's tabs and keys.
///
/// Adding a scenario: its descriptor in a file of this folder, a line here,
/// its text in the string table, a lesson and its tests.
enum ScenarioCatalog {
  static let all: [Scenario] = [
    .loop, .race, .locked, .coarse, .deadlock, .atomic, .process, .gil, .condition, .semaphore,
    .reorder, .split,
  ]

  /// Each scenario's 1-based key by id, looked up every frame by the tabs.
  static let keys: [String: Int] = Dictionary(
    uniqueKeysWithValues: all.enumerated().map { ($1.id, $0 + 1) })
}
