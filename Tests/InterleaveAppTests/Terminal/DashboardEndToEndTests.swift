import Foundation
import Glibc
import Testing

/// The dashboard in a real terminal (tmux), as a student would use it.
@Suite("Dashboard in a real terminal", .serialized, Tmux.suite)
struct DashboardEndToEndTests {
  @Test("opens on loop at a followable speed, with panes, strip, gauge and key hints")
  func opensOnLoop() throws {
    let tmux = try Tmux()
    try tmux.launch("--threads 2")
    try tmux.waitFor("LoopThread-1")
    // The footer is the last row ncurses draws: once it is there, so is the frame.
    let screen = try tmux.waitFor("q quit")
    #expect(screen[0].contains(" 1 loop ") && screen[0].contains(" 6 "))
    #expect(screen[0].contains("200 ms"))
    #expect(screen.contains { $0.contains("MainThread") })
    #expect(screen.contains { $0.contains("steps, newest right") })
    #expect(screen.contains { $0.contains("? help") && $0.contains("q quit") })
    try tmux.waitFor(">>> 2")
    try tmux.keys("q")
    try tmux.waitFor("EXIT=0")
  }

  @Test("keys switch scenario, pause, step, open help and quit; the tty is sane after")
  func keysDriveIt() throws {
    let tmux = try Tmux()
    try tmux.launch("--threads 2 --speed 100")
    try tmux.waitFor("LoopThread-1")
    try tmux.keys("2")
    var screen = try tmux.waitFor("No lock: balance += n")
    #expect(screen.contains { $0.contains("Thread-2") })
    try tmux.keys("Space")
    screen = try tmux.waitFor("PAUSED")
    #expect(screen.contains { $0.contains(" paused ") }, "the threads say they are paused")
    try tmux.keys("?")
    try tmux.waitFor("Tab / Shift-Tab")
    try tmux.keys("?")
    try tmux.keys("Tab")
    try tmux.waitFor("A lock around change_it()")
    try tmux.keys("BTab")
    try tmux.waitFor("No lock: balance += n")
    try tmux.keys("q")
    try tmux.waitFor("EXIT=0")
    try tmux.type("stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | sort | tr '\\n' ' '; echo")
    try tmux.waitFor("echo icanon")
  }

  @Test("a deadlock is flagged with its cycle, and switching away from it is quick")
  func deadlockThenSwitch() throws {
    let tmux = try Tmux()
    try tmux.launch("deadlock --threads 2 --speed 20")
    let screen = try tmux.waitFor("DEADLOCK")
    #expect(screen[0].contains("deadlocked"))
    #expect(
      screen.contains { $0.contains("holds A, wants B") }
        || screen.contains { $0.contains("holds B, wants A") })
    let start = Date()
    try tmux.keys("3")
    try tmux.waitFor("A lock around change_it()")
    #expect(Date().timeIntervalSince(start) < 5)
    try tmux.keys("q")
    try tmux.waitFor("EXIT=0")
  }

  @Test("resizing redraws at the new size, and below 60x15 asks for more room")
  func resize() throws {
    let tmux = try Tmux(width: 100, height: 30)
    try tmux.launch("race --threads 2 --speed 50")
    try tmux.waitFor("Thread-2")
    try tmux.resize(width: 50, height: 12)
    try tmux.waitFor("terminal too small (need 60x15)")
    try tmux.resize(width: 80, height: 24)
    let screen = try tmux.waitFor("Thread-2")
    #expect(!screen.contains { $0.contains("too small") })
    #expect(screen.count >= 24)
    try tmux.keys("q")
    try tmux.waitFor("EXIT=0")
  }

  @Test("16 threads on 120x40 all show with their names")
  func sixteenThreads() throws {
    let tmux = try Tmux(width: 120, height: 40)
    try tmux.launch("locked --threads 16 --speed 50")
    let screen = try tmux.waitFor("Thread-16")
    for index in 1...16 {
      #expect(screen.contains { $0.contains(" Thread-\(index) ") }, "Thread-\(index) not on screen")
    }
    try tmux.keys("q")
    try tmux.waitFor("EXIT=0")
  }

  @Test("SIGTERM and Ctrl-C restore the terminal")
  func signalsRestore() throws {
    let tmux = try Tmux()
    try tmux.launch("race --threads 2 --speed 50")
    try tmux.waitFor("Thread-2")
    try tmux.type("", enter: false)
    try tmux.keys("C-c")
    try tmux.waitFor("EXIT=130")
    try tmux.type("stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | sort | tr '\\n' ' '; echo")
    try tmux.waitFor("echo icanon")
    try tmux.type("clear")
    try tmux.launch("race --threads 2 --speed 47")
    try tmux.waitFor("Thread-2")
    #expect(system("pkill -TERM -f 'interleave race --threads 2 --speed 4[7]'") == 0)
    try tmux.waitFor("EXIT=143")
    try tmux.type(
      "stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | sort | tr '\\n' ' '; echo SA\"\"NE")
    let screen = try tmux.waitFor("SANE")
    #expect(screen.contains { $0.contains("echo icanon SANE") })
  }

  @Test("threads the system refused say refused in their panes, not created")
  func refusedPanes() throws {
    let tmux = try Tmux(width: 100, height: 30)
    // A 30 GiB default stack: every pthread_create fails.
    try tmux.type("ulimit -s 31457280")
    try tmux.launch("race --threads 2 --speed 50")
    let screen = try tmux.waitFor("the system refused")
    #expect(screen.filter { $0.contains(" refused ") && $0.contains("Thread-") }.count == 2)
    #expect(!screen.contains { $0.contains(" created ") })
    try tmux.keys("q")
    try tmux.waitFor("EXIT=0")
  }

  @Test("drive: the learner steps threads, loses an update, undoes four steps, lists outcomes")
  func drive() throws {
    let tmux = try Tmux()
    try tmux.launch("race --drive --threads 2 --iterations 1")
    try tmux.waitFor("[1] next: read balance (now 0)")
    for key in ["1", "1", "1", "2"] { try tmux.keys(key) }
    try tmux.waitFor(all: ["you schedule · 4 steps", "balance 5,"])
    for key in ["2", "1", "2", "2"] { try tmux.keys(key) }
    try tmux.waitFor(all: ["you schedule · 8 steps", "balance -8", "lost updates 1"])
    for _ in 0..<4 { try tmux.keys("u") }
    // The undo replays four steps on fresh threads; the balance follows.
    try tmux.waitFor(all: ["you schedule · 4 steps", "balance 5,"])
    try tmux.keys("9")
    try tmux.waitFor("there is no thread 9")
    for _ in 0..<4 { try tmux.keys("u") }
    try tmux.waitFor("you schedule · 0 steps")
    try tmux.keys("f")
    let fork = try tmux.waitFor("after step 0: 70 schedules left")
    let counts = fork.filter { $0.contains("preemption") }.compactMap { row in
      row.split(separator: " ").first { $0.allSatisfy(\.isNumber) && !$0.isEmpty }
    }
    #expect(counts.count == 7)
    #expect(fork.contains { $0.contains("balance 0 (correct)") && $0.contains(" 30 ") })
    try tmux.keys("Escape", "q")
    try tmux.waitFor("EXIT=0")
  }

  @Test(
    "the mouse: a click on tab 3 switches to locked, a click on a pane focuses it, the wheel scrolls it; --no-mouse leaves clicks to the terminal"
  )
  func mouse() throws {
    let tmux = try Tmux(width: 80, height: 24)
    try tmux.launch("race --threads 2 --speed 20")
    let first = try tmux.waitFor("q quit")
    let asks = try tmux.paneFormat("#{mouse_standard_flag}")
    #expect(asks == "1", "the dashboard asks for clicks: '\(asks)'")
    // The header's " 3 " tab: find its column on screen.
    let header = first[0]
    let tab = try #require(header.range(of: " 3 "))
    try tmux.mouse(x: header.distance(from: header.startIndex, to: tab.lowerBound) + 1, y: 0)
    try tmux.waitFor("A lock around change_it()")
    // Thread-1's pane starts on row 2; a click there gives it all the space.
    try tmux.mouse(x: 5, y: 4)
    var screen = try tmux.waitFor("has the room: j/k or wheel scroll, Esc back")
    #expect(!screen.contains { $0.contains("Thread-2  tid") }, "Thread-2's pane makes room")
    try tmux.mouse(x: 5, y: 6, wheelUp: true)
    try tmux.keys("Escape")
    screen = try tmux.waitFor("Thread-2  tid")
    try tmux.keys("q")
    try tmux.waitFor("EXIT=0")
    try tmux.launch("race --threads 2 --speed 20 --no-mouse")
    try tmux.waitFor("q quit")
    let none = try tmux.paneFormat("#{mouse_standard_flag}")
    #expect(none == "0", "--no-mouse asks for none: '\(none)'")
    try tmux.keys("q")
    try tmux.waitFor("EXIT=0")
  }
}
