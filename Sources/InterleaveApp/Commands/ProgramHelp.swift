/// `interleave help programs`: the Python subset a program may use.
enum ProgramHelp {
  static let text = """
    A program is a Python file in a subset of the language, run as python3 would \
    run it, but every Python thread is a real OS thread and nothing holds a GIL: \
    a read and a write of a shared variable really interleave.

    The subset: module code and def functions (parameters, defaults that are \
    constants, locals, global, return); int, float, bool, str, None, tuples and \
    lists (literals, append, pop, insert, remove, extend, clear, len, indexing, \
    item assignment, comprehensions over range and lists); = += -= *= //= %= and \
    + - * / // % ** == != < <= > >= in, and, or, not, x if c else y; if/elif/else, \
    while, for over range or a list, break, continue, pass; try/finally; with on a \
    lock, condition or semaphore; assert; print with f-strings, % formatting, \
    several arguments, sep and end; str, int, float, bool, abs, min, max, sum, len, \
    type, repr, list, tuple, range, enumerate, sorted, round.

    Modules: import threading, time, _thread, multiprocessing (nothing else), \
    also as import threading as th or from threading import Thread, Lock as L; \
    __name__ is "__main__". \
    threading: Thread(target=, args=, name=, daemon=) with start, join, is_alive, \
    name, ident; current_thread(), get_ident(), active_count(); Lock, RLock with \
    acquire(blocking=True, timeout=-1), release, locked; Condition(lock) with \
    acquire, release, wait(timeout), notify(n), notify_all; Semaphore(k), \
    BoundedSemaphore(k). time.sleep. _thread: allocate_lock, start_new_thread, \
    get_ident, TIMEOUT_MAX. multiprocessing.cpu_count().

    An error a thread does not catch ends it as Python ends it, its traceback on \
    stderr (without threading.py's own frames); one in the main thread ends the \
    program with status 1. Anything outside the subset (classes, lambda, \
    try/except, dicts, other modules) is refused before anything runs: \
    FILE.py:LINE:COL: error: ..., status 65; a file that cannot be read, 66.

    In a terminal, interleave run FILE.py shows the program paused before its \
    first step: the code with each thread's number and ▶ at the line of its next \
    step (and ✓ at its last step), the threads, the globals, what the \
    schedules from here can still end in, and the output. A step is a read or \
    a write of a global, a lock, condition or semaphore operation, a print or a \
    sleep; the lines between two steps (t.start(), n = 1) run with the step \
    before them, so no mark stops on them. n \
    steps the next thread in turn, a digit steps that thread, e takes the line \
    apart into its steps, u undoes a step, space steps on its own (+/- the \
    rate), f lets the threads run freely at full speed, q quits. --plain \
    prints instead; \
    --schedule "0x3 1x8 2" replays an order of steps (as explore prints it) on \
    the real threads, checked first.

    Differences from Python: a list is a value (b = a copies it); integers are \
    64-bit (past that, OverflowError); calls nest at most 100 deep; at most 256 \
    threads, lists of 1,000,000 items, strings of 1 MiB.
    """
}
