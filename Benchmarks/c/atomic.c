/* The atomic scenario in C: 2 threads x N iterations of two relaxed atomic
   adds to one counter (+n, then -n), started behind a barrier. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static long balance = 0;
static long iterations = 10000000;
static pthread_barrier_t barrier;

static void *run_thread(void *arg) {
  long n = (long)arg;
  pthread_barrier_wait(&barrier);
  for (long i = 0; i < iterations; i++) {
    __atomic_fetch_add(&balance, n, __ATOMIC_RELAXED);
    __atomic_fetch_add(&balance, -n, __ATOMIC_RELAXED);
  }
  return NULL;
}

int main(int argc, char **argv) {
  if (argc > 1) iterations = atol(argv[1]);
  pthread_t t1, t2;
  pthread_barrier_init(&barrier, NULL, 2);
  pthread_create(&t1, NULL, run_thread, (void *)5);
  pthread_create(&t2, NULL, run_thread, (void *)8);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  printf("balance = %ld\n", balance);
  return 0;
}
