/* The seed's race in C: 2 threads (or 1: race N 1) x N iterations of balance += n;
   balance -= n with no lock (four plain loads and stores of a volatile
   long), started behind a barrier, each thread pinned to its own CPU as
   Interleave pins its workers. */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>

static volatile long balance = 0;
static long iterations = 10000000;
static pthread_barrier_t barrier;

static void pin(int slot) {
  cpu_set_t allowed, one;
  if (sched_getaffinity(0, sizeof allowed, &allowed) != 0 || CPU_COUNT(&allowed) < 2) return;
  int wanted = slot % CPU_COUNT(&allowed);
  for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
    if (!CPU_ISSET(cpu, &allowed) || wanted-- > 0) continue;
    CPU_ZERO(&one);
    CPU_SET(cpu, &one);
    pthread_setaffinity_np(pthread_self(), sizeof one, &one);
    return;
  }
}

static void *run_thread(void *arg) {
  long n = (long)arg;
  pin(n == 5 ? 0 : 1);
  pthread_barrier_wait(&barrier);
  for (long i = 0; i < iterations; i++) {
    balance = balance + n;
    balance = balance - n;
  }
  return NULL;
}

int main(int argc, char **argv) {
  if (argc > 1) iterations = atol(argv[1]);
  int threads = argc > 2 && atoi(argv[2]) == 1 ? 1 : 2;
  pthread_t t1, t2;
  pthread_barrier_init(&barrier, NULL, threads);
  pthread_create(&t1, NULL, run_thread, (void *)5);
  if (threads == 2) pthread_create(&t2, NULL, run_thread, (void *)8);
  pthread_join(t1, NULL);
  if (threads == 2) pthread_join(t2, NULL);
  printf("balance = %ld\n", balance);
  return 0;
}
