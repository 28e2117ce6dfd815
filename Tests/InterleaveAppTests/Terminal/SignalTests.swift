import Foundation
import Glibc
import InterleaveTestSupport
import Testing

/// Signals at awkward moments, with the terminal and a recording checked after.
@Suite("Signals", Tmux.suite)
struct SignalTests {
  static let sane =
    "stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | sort | tr '\\n' ' '; echo SA\"\"NE"

  @Test(
    "a SIGWINCH storm and resizes while recording, then SIGTERM: the app survives, the cast is valid, the tty is sane"
  )
  func winchStormThenTerm() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "storm-\(getpid()).cast"
    ).path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let tmux = try Tmux(width: 100, height: 30)
    try tmux.launch("race --threads 2 --speed 21 --record '\(path)'")
    try tmux.waitFor("Thread-2")
    for round in 0..<40 {
      _ = system("pkill -WINCH -f 'interleave race --threads 2 --speed 2[1]'")
      if round % 10 == 0 { try tmux.resize(width: 90 + round / 2, height: 28 + round / 10) }
      usleep(UInt32.random(in: 1_000...30_000))
    }
    try tmux.waitFor("Thread-2")
    #expect(system("pkill -TERM -f 'interleave race --threads 2 --speed 2[1]'") == 0)
    try tmux.waitFor("EXIT=143")
    try tmux.type(Self.sane)
    let screen = try tmux.waitFor("SANE")
    #expect(screen.contains { $0.contains("echo icanon SANE") })
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    #expect(lines.count > 2)
    for line in lines {
      #expect(
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil,
        "not JSON: \(line.prefix(80))")
    }
    #expect(lines.contains { $0.contains("\"r\"") }, "no resize event recorded")
  }

  @Test(
    "SIGINT and SIGHUP at random early moments leave the terminal sane", arguments: ["INT", "HUP"])
  func earlySignals(signal: String) throws {
    let tmux = try Tmux(width: 100, height: 30)
    // A speed per case and attempt makes each process's command line unique.
    let tens = signal == "INT" ? 3 : 4
    for attempt in 0..<3 {
      try tmux.type("clear")
      try tmux.launch("loop --threads 2 --speed \(tens)\(attempt)")
      usleep(UInt32.random(in: 20_000...300_000))
      // Until the process is gone: a slow start (a sanitizer build) may not
      // have a process to signal yet.
      let pattern = "'interleave loop --threads 2 --speed \(tens)[\(attempt)]'"
      for _ in 0..<200 where system("pgrep -f \(pattern) >/dev/null") == 0 {
        _ = system("pkill -\(signal) -f \(pattern)")
        usleep(50_000)
      }
      #expect(system("pgrep -f \(pattern) >/dev/null") != 0, "still running after 10 s")
      try tmux.type(Self.sane)
      let screen = try tmux.waitFor("SANE")
      #expect(screen.contains { $0.contains("echo icanon SANE") }, "attempt \(attempt)")
      // A signal before the handlers are in kills the process before it has
      // touched the terminal (bash then skips the echo); after, it exits
      // with 128 + the signal. Never any other status.
      let code = signal == "INT" ? 130 : 129
      // A status line is `EXIT=` and digits; a wrapped command line that
      // happens to start a row with its own `EXIT=$?` is not one.
      let statuses = screen.filter {
        $0.hasPrefix("EXIT=") && $0.dropFirst(5).first?.isNumber == true
      }
      #expect(statuses.allSatisfy { $0 == "EXIT=\(code)" }, "\(statuses)")
    }
  }

  @Test(
    "SIGQUIT, SIGUSR1 and SIGALRM end the dashboard as they would, the terminal restored first",
    arguments: [("QUIT", 131), ("USR1", 138), ("ALRM", 142)])
  func otherSignals(signal: String, code: Int) throws {
    let tmux = try Tmux(width: 100, height: 30)
    let speed = 500 + code
    try tmux.launch("race --speed \(speed)")
    _ = try tmux.waitFor("Interleave")
    let pattern = "'interleave race --speed \(speed)'"
    for _ in 0..<200 where system("pgrep -f \(pattern) >/dev/null") == 0 {
      _ = system("pkill -\(signal) -f \(pattern)")
      usleep(50_000)
    }
    try tmux.type(Self.sane)
    let screen = try tmux.waitFor("SANE")
    #expect(screen.contains { $0.contains("echo icanon SANE") }, "\(screen)")
    #expect(screen.contains("EXIT=\(code)"), "\(screen)")
    // Out of the alternate screen: the shell's own lines are back.
    #expect(!screen.contains { $0.contains("join():") }, "\(screen)")
  }

  @Test(
    "Ctrl-Z stops a recording dashboard and fg brings it back whole; SIGCONT repaints a cleared screen"
  )
  func suspendAndContinue() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "suspend-\(getpid()).cast"
    ).path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let tmux = try Tmux(width: 80, height: 24)
    try tmux.launch("race --threads 2 --speed 37 --record '\(path)'")
    try tmux.waitFor("q quit")
    let pattern = "'interleave race --threads 2 --speed 3[7]'"
    try tmux.keys("C-z")
    #expect(
      Wait.until(5) {
        system("ps -o stat= -p $(pgrep -f \(pattern)) 2>/dev/null | grep -q T") == 0
      },
      "Ctrl-Z did not stop the process")
    try tmux.type("fg")
    // The whole frame, header to footer (it may be caught half painted).
    try tmux.waitFor(all: ["q quit", " Interleave ", "┌ balance"])
    // Stopped from outside, the screen cleared, continued: everything is painted again.
    #expect(system("pkill -STOP -f \(pattern)") == 0)
    try tmux.type("clear")
    try tmux.waitFor("$")
    #expect(system("pkill -CONT -f \(pattern)") == 0)
    let repainted = try tmux.waitFor("┌ balance")
    #expect(repainted.contains { $0.contains(" Interleave ") })
    // After a stop the shell drops the rest of the command line (the echo):
    // the process's end is what shows that q still works.
    // The frame on screen may be the one from before `fg`: wait until the
    // process is running in the foreground, or the shell may read the `q`.
    // Continued from outside, it ran in the background, where a read of
    // the terminal stops it again (SIGTTIN): a second `fg` resumes it then.
    var foreground = false
    for _ in 0..<3 where !foreground {
      try tmux.type("fg")
      foreground = Wait.until(10) {
        system("ps -o stat= -p $(pgrep -f \(pattern)) 2>/dev/null | grep -q '^[^T]*+'") == 0
      }
    }
    #expect(foreground, "fg did not bring it to the foreground")
    try tmux.waitFor("q quit")
    try tmux.keys("q")
    #expect(
      Wait.until(20) { system("pgrep -f \(pattern) >/dev/null") != 0 },
      "q did not quit; screen:\n\((try? tmux.screen())?.joined(separator: "\n") ?? "")")
  }
}
