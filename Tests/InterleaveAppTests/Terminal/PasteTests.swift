import Foundation
import Glibc
import InterleaveTestSupport
import Testing

/// Text pasted into the dashboard, as a terminal delivers it.
@Suite("Pasted text", Tmux.suite)
struct PasteTests {
  /// 5 KB of text full of keys that would act: quit, switch scenario,
  /// save a snapshot, open drive mode, pause, restart.
  static let keysText = String(
    repeating: "the balance is 3, q to quit; s saves, d drives, 7 r x\n", count: 96)

  @Test("a 5 KB paste is no key press: nothing it holds is done, and q after it quits at once")
  func pasteIsDropped() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "paste-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let tmux = try Tmux(width: 80, height: 24)
    try tmux.type("cd '\(folder.path)'")
    try tmux.launch("race --paused")
    try tmux.waitFor("Thread-2")
    try tmux.paste(Self.keysText, bracketed: true)
    // Keys are read in order: once help is open, the paste has been read.
    try tmux.keys("?")
    let help = try tmux.waitFor("┌ keys")
    #expect(
      !help.contains { $0.contains("EXIT=") }, "the paste quit:\n\(help.joined(separator: "\n"))")
    try tmux.keys("Escape")
    let after = try tmux.waitFor("paused")
    #expect(after.contains { $0.contains(" race ") && $0.contains("Interleave") })
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty,
      "a snapshot was saved")
    try tmux.keys("q")
    try tmux.waitFor("EXIT=0")
  }

  @Test(
    "--record with a megabyte of typed input still to read: SIGTERM ends it at once, the terminal sane"
  )
  func backlogThenTerm() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "backlog-\(getpid()).cast"
    ).path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let tmux = try Tmux(width: 80, height: 24)
    try tmux.launch("race --threads 2 --speed 23 --record '\(path)'")
    try tmux.waitFor("Thread-2")
    // Not marked as a paste: a terminal without bracketed paste, or keys
    // typed faster than the dashboard takes them.
    try tmux.paste(String(repeating: "x", count: 1_000_000), bracketed: false)
    let pattern = "'interleave race --threads 2 --speed 2[3]'"
    #expect(system("pkill -TERM -f \(pattern)") == 0)
    try tmux.waitFor("EXIT=143", timeout: 20)
    // What the dashboard did not read is the shell's now, as typed-ahead
    // keys are: a line of x's, dropped with Ctrl-C.
    try tmux.keys("C-c")
    try tmux.type("clear")
    try tmux.type(SignalTests.sane)
    // Bash's line editor takes its time over a megabyte of typed-ahead
    // x's on a loaded machine (the full suite): a longer bound, same test.
    let screen = try tmux.waitFor("SANE", timeout: 30)
    #expect(screen.contains { $0.contains("echo icanon SANE") })
  }
}
