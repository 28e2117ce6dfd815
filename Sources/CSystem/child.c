#define _GNU_SOURCE
#include "csystem.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The child's side of the `process` scenario: only async-signal-safe
   calls (it runs right after fork() in a multithreaded process). */

static int write_record(int fd, int kind, long value) {
  struct il_child_record record = {kind, 0, value};
  const char *bytes = (const char *)&record;
  size_t left = sizeof record;
  while (left > 0) {
    ssize_t written = write(fd, bytes, left);
    if (written < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    bytes += written;
    left -= (size_t)written;
  }
  return 0;
}

/* The race body on this process's own balance: read, write +n, read,
   write -n, per iteration. */
static void run_child(int commands, int reports, long amount, long iterations) {
  volatile long balance = 0;
  long reg = 0;
  int free_run = 0;
  for (long i = 0; i < iterations; i++) {
    for (int step = 0; step < 4; step++) {
      if (!free_run) {
        char command;
        ssize_t got;
        do {
          got = read(commands, &command, 1);
        } while (got < 0 && errno == EINTR);
        if (got != 1 || command == 'q') _exit(0);
        if (command == 'f') free_run = 1;
      }
      int kind;
      switch (step) {
      case 0: case 2: reg = balance; kind = IL_CHILD_READ; break;
      case 1: balance = reg + amount; kind = IL_CHILD_WRITE; break;
      default: balance = reg - amount; kind = IL_CHILD_WRITE; break;
      }
      if (!free_run && write_record(reports, kind, kind == IL_CHILD_READ ? reg : balance) != 0)
        _exit(1);
    }
  }
  write_record(reports, IL_CHILD_DONE, balance);
  _exit(0);
}

int il_spawn_race_child(long amount, long iterations, int *commands, int *reports) {
  int down[2], up[2];
  if (pipe2(down, O_CLOEXEC) != 0) return -1;
  if (pipe2(up, O_CLOEXEC) != 0) {
    close(down[0]);
    close(down[1]);
    return -1;
  }
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid == 0) {
    /* Never outlive the thread that started us, nor a parent gone already. */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(1);
    /* The parent's handlers and masks are not ours. */
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    for (int sig = 1; sig < 32; sig++) {
      if (sig != SIGKILL && sig != SIGSTOP) signal(sig, SIG_DFL);
    }
    /* Keep only our two pipes (as 3 and 4) and the standard three. */
    int in = dup2(down[0], 3) < 0 ? -1 : 3;
    int out = dup2(up[1], 4) < 0 ? -1 : 4;
    if (in < 0 || out < 0) _exit(1);
    syscall(SYS_close_range, 5, ~0U, 0);
    run_child(3, 4, amount, iterations);
  }
  close(down[0]);
  close(up[1]);
  if (pid < 0) {
    close(down[1]);
    close(up[0]);
    return -1;
  }
  *commands = down[1];
  *reports = up[0];
  return pid;
}
