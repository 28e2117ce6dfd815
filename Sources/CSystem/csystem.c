#define _GNU_SOURCE
#include "csystem.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <signal.h>
#include <stdatomic.h>
#include <sched.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <malloc.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <termios.h>
#include <unistd.h>

int il_gettid(void) { return (int)syscall(SYS_gettid); }

int il_sched_getcpu(void) { return sched_getcpu(); }

int il_set_thread_name(const char *name) { return pthread_setname_np(pthread_self(), name); }

int il_wcwidth(wchar_t c) { return wcwidth(c); }

int il_online_cores(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? (int)n : 1;
}

/* The process's affinity mask, read once (pthread_once) at the first call. */
static cpu_set_t process_cpus;
static pthread_once_t process_cpus_once = PTHREAD_ONCE_INIT;

static void load_process_cpus(void) {
  CPU_ZERO(&process_cpus);
  if (sched_getaffinity(0, sizeof process_cpus, &process_cpus) != 0) {
    CPU_ZERO(&process_cpus);
    CPU_SET(0, &process_cpus);
  }
}

static void read_process_cpus(void) { pthread_once(&process_cpus_once, load_process_cpus); }

int il_usable_cpus(void) {
  read_process_cpus();
  int count = CPU_COUNT(&process_cpus);
  return count > 0 ? count : 1;
}

int il_pin_to_slot(int slot) {
  read_process_cpus();
  int count = CPU_COUNT(&process_cpus);
  if (count <= 1 || slot < 0) return -1;
  int wanted = slot % count;
  for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
    if (!CPU_ISSET(cpu, &process_cpus)) continue;
    if (wanted-- > 0) continue;
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(cpu, &one);
    return pthread_setaffinity_np(pthread_self(), sizeof one, &one) == 0 ? cpu : -1;
  }
  return -1;
}

int il_lower_priority(int how) {
  if (how == 1) {
    struct sched_param param = {0};
    return sched_setscheduler(0, SCHED_IDLE, &param);
  }
  return setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 19);
}

void il_cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  __asm__ __volatile__("yield");
#endif
}

void il_futex_wait(unsigned int *word, unsigned int expected, long long timeout_ns) {
  struct timespec span = {(time_t)(timeout_ns / 1000000000), (long)(timeout_ns % 1000000000)};
  syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, expected, &span, NULL, 0);
}

void il_futex_wake_one(unsigned int *word) {
  syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

int il_openpty(int *master, int *slave, int rows, int cols) {
  struct winsize size = {0};
  size.ws_row = (unsigned short)rows;
  size.ws_col = (unsigned short)cols;
  return openpty(master, slave, NULL, NULL, &size);
}

int il_set_winsize(int fd, int rows, int cols) {
  struct winsize size = {0};
  size.ws_row = (unsigned short)rows;
  size.ws_col = (unsigned short)cols;
  return ioctl(fd, TIOCSWINSZ, &size);
}

int il_get_winsize(int fd, int *rows, int *cols) {
  struct winsize size = {0};
  if (ioctl(fd, TIOCGWINSZ, &size) != 0) return -1;
  *rows = size.ws_row;
  *cols = size.ws_col;
  return 0;
}

static struct termios saved_modes;
static int saved_fd = -1;
/* Whether the terminal is meant to be raw now (between il_tty_raw or
   il_tty_reraw and il_tty_restore). The saved modes are kept either way.
   Atomic: the UI thread sets it, the key thread and signal handlers read
   it (a lock-free atomic int is async-signal-safe). */
static atomic_int raw_active = 0;

int il_tty_raw(int fd) {
  struct termios modes;
  if (tcgetattr(fd, &saved_modes) != 0) return -1;
  saved_fd = fd;
  modes = saved_modes;
  cfmakeraw(&modes);
  atomic_store(&raw_active, 1);
  return tcsetattr(fd, TCSANOW, &modes);
}

void il_tty_reraw(void) {
  if (saved_fd >= 0) {
    struct termios modes = saved_modes;
    cfmakeraw(&modes);
    atomic_store(&raw_active, 1);
    tcsetattr(saved_fd, TCSANOW, &modes);
  }
}

int il_tty_lost_raw(void) {
  struct termios modes;
  if (saved_fd < 0 || !atomic_load(&raw_active) || tcgetattr(saved_fd, &modes) != 0) return 0;
  return (modes.c_lflag & (ICANON | ECHO | ISIG)) != 0;
}

int il_in_foreground(int fd) {
  pid_t group = tcgetpgrp(fd);
  return group >= 0 && group == getpgrp();
}

void il_unblock_signal(int signal) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, signal);
  pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

void il_tty_restore(void) {
  if (saved_fd >= 0 && atomic_exchange(&raw_active, 0)) {
    tcsetattr(saved_fd, TCSANOW, &saved_modes);
  }
}

void il_set_mmap_threshold(int bytes) { mallopt(M_MMAP_THRESHOLD, bytes); }

int il_flush_stdout(void) {
  errno = 0;
  if (fflush(stdout) != 0 || ferror(stdout)) return errno != 0 ? errno : EIO;
  return 0;
}
