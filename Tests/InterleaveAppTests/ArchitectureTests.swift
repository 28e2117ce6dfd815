import Foundation
import Testing

/// ARCHITECTURE.md stays true to the modules that exist.
@Suite("The architecture map")
struct ArchitectureTests {
  @Test("every module in Sources/ is named in ARCHITECTURE.md's table, and none that is gone")
  func everyModuleNamed() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let modules = try FileManager.default.contentsOfDirectory(
      atPath: root.appendingPathComponent("Sources").path
    ).filter { !$0.hasPrefix(".") }
    let map = try String(
      contentsOf: root.appendingPathComponent("ARCHITECTURE.md"), encoding: .utf8)
    let named = Set(
      map.split(separator: "\n").filter { $0.hasPrefix("| `") }.flatMap { row in
        row.split(separator: "|").first.map { cell in
          cell.matches(of: /`([A-Za-z]+)`/).map { String($0.1) }
        } ?? []
      })
    for module in modules {
      #expect(named.contains(module), "ARCHITECTURE.md does not name \(module)")
    }
    for name in named {
      #expect(modules.contains(name), "ARCHITECTURE.md names \(name), which is gone")
    }
  }
}
