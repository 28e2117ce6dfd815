/// Every scenario, in the order of the dashboard's tabs and keys.
///
/// Adding a scenario: its descriptor in a file of this folder, a line here,
/// its text in the string table, a lesson and its tests.
enum ScenarioCatalog {
  static let all: [Scenario] = [
    .loop, .race, .locked, .coarse, .deadlock, .atomic, .process, .gil, .condition, .semaphore,
    .reorder, .split,
  ]
}
