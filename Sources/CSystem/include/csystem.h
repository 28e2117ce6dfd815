#ifndef INTERLEAVE_CSYSTEM_H
#define INTERLEAVE_CSYSTEM_H

#include <stddef.h>
#include <wchar.h>

/// The kernel thread id of the calling thread (what `ps -L` shows as LWP).
int il_gettid(void);
/// The CPU core the calling thread is running on now, or -1.
int il_sched_getcpu(void);
/// Sets the calling thread's OS name (at most 15 bytes are kept by Linux).
int il_set_thread_name(const char *name);
/// Display width of one character in the current locale, -1 if not printable.
int il_wcwidth(wchar_t c);
/// Online CPU cores.
int il_online_cores(void);
/// CPUs the calling process may run on (its affinity mask), at least 1.
int il_usable_cpus(void);
/// Pins the calling thread to the `slot`-th CPU of the process's affinity
/// mask (round robin, so `taskset` still decides the set). Returns the CPU
/// number, or -1 when it could not.
int il_pin_to_slot(int slot);
/// Lowers the calling thread's priority: 1 puts it under SCHED_IDLE (it
/// runs only when nothing else wants the CPU), 2 sets its nice value to 19
/// (measured best for the dashboard, see BENCHMARKS.md). Returns 0 on success.
int il_lower_priority(int how);
/// Tells the CPU this is a spin-wait loop (x86 `pause`).
void il_cpu_relax(void);
/// Sleeps while `*word == expected`, at most `timeout_ns` nanoseconds (a
/// private futex wait); returns at once if the word already differs. Wakes
/// may be spurious: the caller checks the word again.
void il_futex_wait(unsigned int *word, unsigned int expected, long long timeout_ns);
/// Wakes one thread sleeping in `il_futex_wait` on `word`.
void il_futex_wake_one(unsigned int *word);

/// What a child of the `process` scenario reports, one record per step.
enum { IL_CHILD_READ = 1, IL_CHILD_WRITE = 2, IL_CHILD_DONE = 3 };
struct il_child_record {
  int kind;
  int pad;
  long value;
};
/// Forks a child that runs the race body (`amount`, `iterations`) on its own
/// balance: one step for each 's' written to `*commands`, the rest at once
/// after an 'f'; it reports each step (or, after 'f', only its end) as an
/// `il_child_record` on `*reports`. The child dies with the thread that
/// started it. Returns its pid, or -1.
int il_spawn_race_child(long amount, long iterations, int *commands, int *reports);

/// Opens a pseudo-terminal of `rows` x `cols`; 0 on success.
int il_openpty(int *master, int *slave, int rows, int cols);
/// Sets a terminal's size (TIOCSWINSZ); 0 on success.
int il_set_winsize(int fd, int rows, int cols);
/// Reads a terminal's size (TIOCGWINSZ); 0 on success.
int il_get_winsize(int fd, int *rows, int *cols);
/// Saves `fd`'s terminal modes and switches it to raw; 0 on success.
int il_tty_raw(int fd);
/// Puts back the modes saved by il_tty_raw (async-signal-safe); no-op if none.
void il_tty_restore(void);
/// Puts the terminal saved by il_tty_raw back into raw mode (after a stop).
void il_tty_reraw(void);
/// Whether the terminal saved by il_tty_raw is no longer raw (a shell has
/// set its own modes while the process was stopped or in the background).
int il_tty_lost_raw(void);
/// Whether this process is in the foreground of the terminal on `fd`.
int il_in_foreground(int fd);
/// Unblocks `signal` in the calling thread (a parent may have blocked it).
void il_unblock_signal(int signal);

/// Keeps heap blocks of `bytes` or more in their own mappings, returned to
/// the system when freed (glibc's M_MMAP_THRESHOLD, fixed).
void il_set_mmap_threshold(int bytes);

/// Flushes stdio's stdout: 0, or the errno of a write that failed now or
/// before (EIO when the error flag is set with no errno left).
int il_flush_stdout(void);

/// Asks the CPU to bring `address` into the cache for a read soon (the
/// explorer's hash buckets: many loads' misses then overlap).
static inline void il_prefetch(const void *address) { __builtin_prefetch(address, 0, 1); }

#endif
