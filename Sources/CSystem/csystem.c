#define _GNU_SOURCE
#include "csystem.h"

#include <pthread.h>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

int il_gettid(void) { return (int)syscall(SYS_gettid); }

int il_sched_getcpu(void) { return sched_getcpu(); }

int il_set_thread_name(const char *name) { return pthread_setname_np(pthread_self(), name); }

int il_wcwidth(wchar_t c) { return wcwidth(c); }

int il_online_cores(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? (int)n : 1;
}

void il_cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  __asm__ __volatile__("yield");
#endif
}
