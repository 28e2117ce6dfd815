import Foundation
import Testing

/// A real terminal for end-to-end tests: a tmux server of its own running a
/// shell, driven with send-keys and read with capture-pane.
final class Tmux {
  /// Whether tmux is on the PATH.
  static let available: Bool = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    return path.split(separator: ":").contains {
      FileManager.default.isExecutableFile(atPath: "\($0)/tmux")
    }
  }()

  /// CI sets `INTERLEAVE_REQUIRE_TMUX=1`: there the suite must run, and a
  /// missing tmux is a failure, not a skip.
  static let required = ProcessInfo.processInfo.environment["INTERLEAVE_REQUIRE_TMUX"] == "1"

  /// The trait of every test that needs a real terminal.
  static let suite: ConditionTrait = .enabled(
    if: available || required,
    "tmux is not installed: the real-terminal smoke tests are skipped (apt-get install tmux)")

  let socket: String
  private static let counter = Counter()

  /// Starts a detached session of `width`x`height` running a plain shell.
  init(width: Int = 120, height: Int = 40) throws {
    guard Tmux.available else {
      throw Failure(message: "tmux is not installed, and INTERLEAVE_REQUIRE_TMUX=1 requires it")
    }
    socket = "interleave-test-\(getpid())-\(Tmux.counter.next())"
    try run([
      "new-session", "-d", "-s", "t", "-x", "\(width)", "-y", "\(height)",
      "env -i PATH=/usr/bin:/bin HOME=/tmp TERM=xterm-256color LANG=C.UTF-8 PS1='$ ' "
        + Tmux.sanitizerSettings() + "bash --norc --noprofile",
    ])
    try waitFor("$")
  }

  /// The shell starts with a clean environment, except that a sanitizer
  /// run's options reach the binary under test as they reach every other test.
  private static func sanitizerSettings() -> String {
    let environment = ProcessInfo.processInfo.environment
    return ["ASAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS"].compactMap { name in
      environment[name].map { "\(name)='" + $0.replacingOccurrences(of: "'", with: "") + "' " }
    }.joined()
  }

  deinit {
    _ = try? run(["kill-server"])
  }

  /// Types `text` and, unless `enter` is false, presses Enter.
  func type(_ text: String, enter: Bool = true) throws {
    try run(["send-keys", "-t", "t", "-l", text])
    if enter { try keys("Enter") }
  }

  /// Sends tmux key names (`Space`, `Tab`, `BTab`, `NPage`, `C-c`, ...).
  func keys(_ names: String...) throws {
    try run(["send-keys", "-t", "t"] + names)
  }

  /// Clicks (or turns the wheel) at a cell, 0-based, as xterm reports it in
  /// the SGR mouse mode ncurses asks xterm-256color for: ESC [ < button ;
  /// column ; row, M for a press and m for a release.
  func mouse(x: Int, y: Int, wheelUp: Bool = false) throws {
    let at = "\(x + 1);\(y + 1)"
    let press = "\u{1B}[<\(wheelUp ? 64 : 0);\(at)M"
    try type(press + (wheelUp ? "" : "\u{1B}[<0;\(at)m"), enter: false)
  }

  /// Pastes `text` as a terminal does: marked as a paste (`ESC [ 200 ~` ...
  /// `ESC [ 201 ~`) when `bracketed` and the program asked for that,
  /// otherwise as if typed, all at once.
  func paste(_ text: String, bracketed: Bool) throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "paste-\(socket).txt")
    try Data(text.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    try run(["load-buffer", file.path])
    try run(["paste-buffer", "-t", "t", "-d"] + (bracketed ? ["-p"] : []))
  }

  /// A tmux format for the pane (`#{mouse_standard_flag}`, ...).
  func paneFormat(_ format: String) throws -> String {
    try run(["display-message", "-p", "-t", "t", format]).trimmingCharacters(
      in: .whitespacesAndNewlines)
  }

  func resize(width: Int, height: Int) throws {
    try run(["resize-window", "-t", "t", "-x", "\(width)", "-y", "\(height)"])
  }

  /// The screen's text, one string per row.
  func screen() throws -> [String] {
    try run(["capture-pane", "-p", "-t", "t"]).split(
      separator: "\n", omittingEmptySubsequences: false
    )
    .map(String.init)
  }

  /// Waits until some row contains `text`; returns the screen then.
  @discardableResult
  func waitFor(_ text: String, timeout: Double = 10) throws -> [String] {
    try waitFor(all: [text], timeout: timeout)
  }

  /// Waits until every one of `texts` is on the screen at once.
  @discardableResult
  func waitFor(all texts: [String], timeout: Double = 10) throws -> [String] {
    let deadline = Date().addingTimeInterval(timeout)
    var last: [String] = []
    while Date() < deadline {
      last = try screen()
      let screen = last
      if texts.allSatisfy({ text in screen.contains { $0.contains(text) } }) { return last }
      usleep(50_000)
    }
    throw Failure(
      message: "\(texts) never all appeared; screen:\n" + last.joined(separator: "\n"))
  }

  /// Runs the binary in the shell, with `command` after its path.
  func launch(_ arguments: String) throws {
    try type("'\(Binary.url.path)' \(arguments); echo EXIT=$?")
  }

  /// Runs one tmux command through the shell and returns what it printed.
  /// (Foundation's `Process` here sometimes never sees the tmux client exit,
  /// so this uses `popen`, which waits with `pclose`.)
  @discardableResult
  private func run(_ arguments: [String]) throws -> String {
    let quoted = (["tmux", "-L", socket] + arguments).map {
      "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
    // The server started by new-session must not inherit our pipe.
    let command =
      quoted.joined(separator: " ")
      + (["capture-pane", "display-message"].contains(arguments.first ?? "")
        ? " 2>/dev/null" : " >/dev/null 2>&1")
    guard let pipe = popen(command + " </dev/null", "r") else {
      throw Failure(message: "cannot run tmux")
    }
    var output = Data()
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = fread(&buffer, 1, buffer.count, pipe)
      if count == 0 { break }
      output.append(contentsOf: buffer[..<count])
    }
    let status = pclose(pipe)
    if status != 0 && arguments.first != "kill-server" {
      throw Failure(message: "tmux \(arguments.first ?? "") failed (\(status))")
    }
    return String(decoding: output, as: UTF8.self)
  }

  struct Failure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
  }

  private final class Counter: @unchecked Sendable {
    // Guarded by `lock`; tests create sessions from several threads.
    private var value = 0
    private let lock = NSLock()
    func next() -> Int {
      lock.lock()
      defer { lock.unlock() }
      value += 1
      return value
    }
  }
}
