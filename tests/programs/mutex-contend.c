/* mutex-contend: two threads take turns on one global mutex, each holding
 * it for a moment, so the other one has to wait in the kernel.  Prints
 * the tids of the two workers. */
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>

#define ROUNDS 20

pthread_mutex_t contended_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t start_line;

static void *
worker (void *arg)
{
  struct timespec hold = { 0, 2 * 1000 * 1000 };

  printf ("worker %ld\n", (long) syscall (SYS_gettid));
  fflush (stdout);
  pthread_barrier_wait (&start_line);
  for (int i = 0; i < ROUNDS; i++)
    {
      pthread_mutex_lock (&contended_mutex);
      nanosleep (&hold, NULL);
      pthread_mutex_unlock (&contended_mutex);
    }
  return NULL;
}

int
main (void)
{
  pthread_t a, b;

  pthread_barrier_init (&start_line, NULL, 2);
  pthread_create (&a, NULL, worker, NULL);
  pthread_create (&b, NULL, worker, NULL);
  pthread_join (a, NULL);
  pthread_join (b, NULL);
  return 0;
}
