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
/// Tells the CPU this is a spin-wait loop (x86 `pause`).
void il_cpu_relax(void);

#endif
