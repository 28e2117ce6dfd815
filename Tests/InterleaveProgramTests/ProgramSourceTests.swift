import Testing

@testable import InterleaveProgram

@Suite("Programs refused before they run")
struct ProgramSourceTests {
  /// The one-line refusal for `text`, or nil when it compiles.
  static func refusal(_ text: String) -> String? {
    do {
      _ = try ProgramSource.compile(text, file: "/t/p.py", shown: "p.py")
      return nil
    } catch {
      return error.description
    }
  }

  @Test(
    "what is outside the subset is named with file:line:col",
    arguments: [
      ("x = 1\nclass A:\n    pass\n", "p.py:2:1: error: classes are not supported here"),
      ("f = lambda: 1\n", "p.py:1:5: error: lambda is not supported here"),
      ("try:\n    x = 1\nexcept:\n    pass\n", "p.py:3:1: error: try/except is not supported here"),
      ("from threading import *\n", "p.py:1:23: error: 'from ... import *' is not supported here"),
      ("import os\n", "p.py:1:8: error: module 'os' is not supported here"),
      ("d = {}\n", "p.py:1:5: error: dicts and sets are not supported here"),
      (
        "def f():\n    def g():\n        pass\n",
        "p.py:2:5: error: nested functions are not supported here"
      ),
      ("x = (1,\n", "p.py:2:1: error: invalid syntax"),
      ("if x\n    y = 1\n", "p.py:1:5: error: expected ':'"),
      ("  x = 1\n", "p.py:1:3: error: unexpected indent"),
      ("s = 'abc\n", "p.py:1:5: error: unterminated string literal"),
      ("x = 1 << 2\n", "p.py:1:7: error: bitwise operators are not supported here"),
      ("print(f'{x=}')\n", "p.py:1:9: error: '=' in f-string fields is not supported here"),
      ("break\n", "p.py:1:1: error: 'break' outside loop"),
      (
        "def f(x):\n    return isinstance(x, int)\n",
        "p.py:2:12: error: isinstance() is not supported"
      ),
      ("import time\nt = time.time()\n", "p.py:2:9: error: time.time is not supported here"),
      ("import time as clock\nt = clock.monotonic\n", "p.py:2:10: error: time.monotonic is not"),
      ("from time import time\n", "p.py:1:18: error: time.time is not supported here"),
      ("s = '{}'.format(1)\n", "p.py:1:9: error: the method '.format()' is not supported here"),
      (
        "import threading\nlock = threading.Lock()\nlock.aquire()\n",
        "p.py:3:5: error: the method '.aquire()' is not supported here: did you mean '.acquire()'?"
      ),
      (
        "import threading\nc = threading.Condition()\nc.wait_for(f)\n",
        "p.py:3:2: error: the method '.wait_for()' is not supported here (supported: acquire,"
      ),
      ("import threading\nb = threading.Barrier(2)\n", "p.py:2:14: error: threading.Barrier"),
      ("x = [1]\ny = x.count\n", "p.py:2:6: error: the attribute '.count' is not supported"),
    ])
  func refused(text: String, message: String) {
    let refusal = Self.refusal(text)
    #expect(refusal?.hasPrefix(message) ?? false, "\(refusal ?? "compiled")")
  }

  @Test("the seed's five listings, Chinese comments and f-strings and all, compile unmodified")
  func seeds() throws {
    for name in ["seed-loop", "seed-race", "seed-locked", "seed-cpu-count", "seed-thread-lock"] {
      let path = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
      _ = try ProgramSource.load("/" + path + "/programs/\(name).py")
    }
  }

  @Test("a name the program binds itself is not taken for a missing builtin or module")
  func ownNames() {
    #expect(Self.refusal("def filter(x):\n    return x\nprint(filter(1))\n") == nil)
    #expect(Self.refusal("import time\ntime = 3\nprint(time)\n") == nil)
    #expect(
      Self.refusal("print(undefined_name)\n") == nil, "a NameError when reached, as in Python")
  }

  @Test("an empty program runs and prints nothing, as in CPython")
  func empty() throws {
    let run = try runProgram("")
    #expect(run.output.isEmpty && run.errors.isEmpty)
  }
}
