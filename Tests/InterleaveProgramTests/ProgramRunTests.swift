import InterleavePlatform
import Testing

@testable import InterleaveProgram

/// Runs `text` as a program to its end and returns what it printed, its
/// tracebacks and its result.
func runProgram(_ text: String, file: String = "/t/p.py") throws -> (
  output: String, errors: String, result: ProgramRun.Result
) {
  let program = try ProgramSource.compile(text, file: file)
  let output = LockedBox("")
  let errors = LockedBox("")
  let result = ProgramRun(program).run(
    output: { text in output.withLockedValue { $0 += text } },
    errors: { text in errors.withLockedValue { $0 += text } }, cpuCount: 2)
  return (output.snapshot, errors.snapshot, result)
}

@Suite("Programs on real threads")
struct ProgramRunTests {
  @Test("enumerate, sorted and round as CPython 3.11 gives them (round(2.675, 2) is 2.67)")
  func moreBuiltins() throws {
    let run = try runProgram(
      """
      xs = [3, 1, 2]
      for i, x in enumerate(xs, start=1):
          print(i, x)
      print(sorted(xs), sorted(xs, reverse=True), xs, list(enumerate("ab")))
      print(round(2.5), round(3.5), round(2.675, 2), round(7), round(-0.5), round(1.23456, 3))
      """)
    #expect(
      run.output == """
        1 3
        2 1
        3 2
        [1, 2, 3] [3, 2, 1] [3, 1, 2] [(0, 'a'), (1, 'b')]
        2 4 2.67 7 0 1.235

        """, "\(run.errors)")
  }

  @Test("a global keeps every kind of value a thread writes, read back as Python would")
  func globalsKeepEveryKind() throws {
    let text = """
      import threading, time
      g = None
      seen = []
      def f():
          pass
      def writer(values):
          global g, seen
          for v in values:
              g = v
              seen.append(g)
      values = [None, True, False, 0, -5, 2 ** 60, -(2 ** 60), 2 ** 62, -(2 ** 62) * 2, "s", "长", [1, 2],
                (3,), 1.5, f, time, threading.Lock]
      t = threading.Thread(target=writer, args=(values,))
      t.start()
      t.join()
      print(g is threading.Lock, seen[14] is f, seen[15] is time)
      for i in range(14):
          print(repr(seen[i]), seen[i] == values[i], end=" ")
      print()
      g = None
      print(g is None, g)
      """
    let run = try runProgram(text)
    let python = """
      True True True
      None True True True False True 0 True -5 True 1152921504606846976 True \
      -1152921504606846976 True 4611686018427387904 True -9223372036854775808 True \
      's' True '长' True [1, 2] True (3,) True 1.5 True\u{20}
      True None

      """
    #expect(run.output == python, "\(run.errors)")
  }

  @Test("t.daemon = True and t.name = ... before start; other attributes fail as CPython's do")
  func threadAttributes() throws {
    let run = try runProgram(
      """
      import threading, time
      def spin():
          while True:
              time.sleep(0.01)
      t = threading.Thread(target=spin)
      t.daemon = True
      t.name = "spinner"
      t.start()
      print(t.name, t.daemon)
      lock = threading.Lock()
      lock.x = 1
      """)
    #expect(run.output == "spinner True\n")
    #expect(run.errors.hasSuffix("AttributeError: '_thread.lock' object has no attribute 'x'\n"))
    #expect(run.result.mainError != nil)
  }

  @Test(
    "a teacher's usual script: from-imports, import as, if __name__ == '__main__', print(flush=)")
  func usualScript() throws {
    let run = try runProgram(
      """
      from threading import Thread, Lock as L
      import threading as th
      balance = 0
      lock = L()
      def run(n):
          global balance
          for i in range(3):
              with lock:
                  balance += n
      def main():
          ts = [Thread(target=run, args=(k,)) for k in (1, 2)]
          for t in ts:
              t.start()
          for t in ts:
              t.join()
          print(balance, th.active_count(), __name__, flush=True)
      if __name__ == "__main__":
          main()
      """)
    #expect(run.output == "9 1 __main__\n", "\(run.errors)")
    #expect(run.errors.isEmpty)
  }

  @Test("print: several arguments, sep and end, f-strings with specs, % formatting, reprs")
  func printing() throws {
    let run = try runProgram(
      """
      x = 7
      name = "线程"
      print("a", 1, 2.5, True, None, sep="|", end="!\\n")
      print(f"{x:>4}|{x:04d}|{3.14159:.2f}|{name}|{name!r}|{{x}}|{x * 2}")
      print("%s is %d, %5.1f%%" % ("rate", 42, 99.5))
      print([1, "a", (2,)], (), 0.1 + 0.2, 1e16, 10 / 4, 7 // 2, -7 // 2, -7 % 3)
      print(type(x), type(name), type([]))
      """)
    #expect(
      run.output == """
        a|1|2.5|True|None!
           7|0007|3.14|线程|'线程'|{x}|14
        rate is 42,  99.5%
        [1, 'a', (2,)] () 0.30000000000000004 1e+16 2.5 3 -4 2
        <class 'int'> <class 'str'> <class 'list'>

        """)
    #expect(run.errors.isEmpty)
  }

  @Test("a thread's Python name, its repr before start, join, and current_thread() inside it")
  func threads() throws {
    let run = try runProgram(
      """
      import threading
      def work(n):
          print(threading.current_thread().name, n)
      t = threading.Thread(target=work, args=(5,))
      u = threading.Thread(target=work, args=(6,), name="worker")
      print(t, type(t))
      t.start()
      t.join()
      u.start()
      u.join()
      print(threading.current_thread().name)
      """)
    #expect(
      run.output == """
        <Thread(Thread-1 (work), initial)> <class 'threading.Thread'>
        Thread-1 (work) 5
        worker 6
        MainThread

        """)
  }

  @Test("an error a thread does not catch ends it with its traceback; finally blocks run first")
  func threadError() throws {
    let run = try runProgram(
      """
      import threading
      items = []
      lock = threading.Lock()
      def take():
          with lock:
              items.pop(0)
      t = threading.Thread(target=take)
      t.start()
      t.join()
      print("locked after:", lock.locked())
      """)
    #expect(run.output == "locked after: False\n")
    #expect(
      run.errors == """
        Exception in thread Thread-1 (take):
        Traceback (most recent call last):
          File "/t/p.py", line 6, in take
            items.pop(0)
        IndexError: pop from empty list

        """)
    #expect(run.result.mainError == nil)
    #expect(run.result.threadErrors.map(\.1.type) == ["IndexError"])
  }

  @Test(
    "Thread(args=(1)) is made and started as in CPython, and fails in the thread; args given as a string are its characters"
  )
  func threadArgumentsSpread() throws {
    let run = try runProgram(
      """
      import threading
      def f(a, b=0):
          print(a, b)
      t = threading.Thread(target=f, args=(1))
      t.start()
      t.join()
      u = threading.Thread(target=f, args=("xy"))
      u.start()
      u.join()
      print("end")
      """)
    #expect(run.output == "x y\nend\n")
    #expect(
      run.errors == """
        Exception in thread Thread-1 (f):
        Traceback (most recent call last):
        TypeError: __main__.f() argument after * must be an iterable, not int

        """)
    #expect(run.result.mainError == nil)
  }

  @Test("an error in the main thread: its traceback through the calls, the run ends with it")
  func mainError() throws {
    let run = try runProgram(
      """
      def f(n):
          return g(n) + 1
      def g(n):
          return n // 0
      print(f(3))
      print("never")
      """)
    #expect(run.output.isEmpty)
    #expect(
      run.errors == """
        Traceback (most recent call last):
          File "/t/p.py", line 5, in <module>
            print(f(3))
          File "/t/p.py", line 2, in f
            return g(n) + 1
          File "/t/p.py", line 4, in g
            return n // 0
        ZeroDivisionError: integer division or modulo by zero

        """)
    #expect(run.result.mainError?.type == "ZeroDivisionError")
  }

  @Test("globals' final values; lists, comprehensions, loops with break and continue, try/finally")
  func globals() throws {
    let run = try runProgram(
      """
      total = 0
      squares = [i * i for i in range(6) if i % 2 == 0]
      names = []
      for i in range(10):
          if i == 2:
              continue
          if i > 4:
              break
          try:
              names.append(i)
          finally:
              total += 1
      done = len(names) == 4 and not False
      """)
    #expect(run.errors.isEmpty, "\(run.errors)")
    let globals = Dictionary(uniqueKeysWithValues: run.result.globals)
    #expect(globals["total"] == .int(4))
    #expect(globals["squares"] == .list([.int(0), .int(4), .int(16)]))
    #expect(globals["names"] == .list([.int(0), .int(1), .int(3), .int(4)]))
    #expect(globals["done"] == .bool(true))
  }

  @Test("locks, conditions and semaphores: a producer and a consumer hand over every item")
  func conditions() throws {
    let run = try runProgram(
      """
      import threading
      items = []
      got = 0
      cond = threading.Condition(threading.Lock())
      room = threading.BoundedSemaphore(2)
      def consumer():
          global got
          for _ in range(50):
              with cond:
                  while not items:
                      cond.wait()
                  items.pop(0)
                  got += 1
              room.release()
      def producer():
          for i in range(50):
              room.acquire()
              with cond:
                  items.append(i)
                  cond.notify()
      threads = [threading.Thread(target=consumer), threading.Thread(target=producer)]
      for t in threads:
          t.start()
      for t in threads:
          t.join()
      print(got, items)
      """)
    #expect(run.errors.isEmpty, "\(run.errors)")
    #expect(run.output == "50 []\n")
  }

  @Test("_thread: start_new_thread, get_ident, a timed acquire of TIMEOUT_MAX, locked()")
  func threadModule() throws {
    let run = try runProgram(
      """
      import _thread, time
      done = 0
      lock = _thread.allocate_lock()
      def work(n, lock):
          global done
          lock.acquire(timeout=_thread.TIMEOUT_MAX)
          print("(Locked: %s) %s" % (lock.locked(), type(_thread.get_ident())))
          done += n
          lock.release()
      _thread.start_new_thread(work, (1, lock))
      _thread.start_new_thread(work, (10, lock))
      while done != 11:
          time.sleep(0.01)
      print(done)
      """)
    #expect(run.errors.isEmpty, "\(run.errors)")
    #expect(
      run.output == "(Locked: True) <class 'int'>\n(Locked: True) <class 'int'>\n11\n")
  }
}
