import Foundation
import InterleaveTestSupport
import Testing

/// ARCHITECTURE.md stays true to the modules that exist.
@Suite("The architecture map")
struct ArchitectureTests {
  @Test("every module in Sources/ is named in ARCHITECTURE.md's table, and none that is gone")
  func everyModuleNamed() throws {
    let root = Repository.root
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

  @Test(
    "each app test file sits in the highest tier it uses: Unit neither runs the binary nor tmux nor a session, Session neither the binary nor tmux, CLI not tmux"
  )
  func testsInTiers() throws {
    let folder = Repository.root.appendingPathComponent("Tests/InterleaveAppTests")
    let uses = ["Binary.": "the binary", "Tmux": "tmux", "SessionHarness": "a session"]
    let barred = [
      "Unit": ["Binary.", "Tmux", "SessionHarness"], "Session": ["Binary.", "Tmux"],
      "CLI": ["Tmux"], "Terminal": [],
    ]
    let files = try #require(FileManager.default.subpaths(atPath: folder.path))
      .filter { $0.hasSuffix(".swift") }
    #expect(files.count > 20)
    for file in files {
      let tier = String(file.split(separator: "/").first ?? "")
      guard let words = barred[tier], file.contains("/") else {
        Issue.record("\(file) is in no tier (Unit, Session, CLI, Terminal)")
        continue
      }
      let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      // The harness is the session tier itself; this file names the words.
      let exempt = ["Session/SessionHarness.swift", "Unit/ArchitectureTests.swift"]
      for word in words where text.contains(word) && !exempt.contains(file) {
        Issue.record("\(file) uses \(uses[word]!), which its tier \(tier) does not")
      }
    }
  }
}
