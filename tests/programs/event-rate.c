/* event-rate RATE SECONDS [THREADS [pin]]: makes about RATE futex wake
 * calls a second in all (0 = as fast as they can), spread over THREADS
 * threads (default 1), for SECONDS, on a futex nobody waits on — each call
 * is one event for the recorder and almost no work for the kernel.  With
 * "pin", thread i runs on cpu i only (on a loaded machine the scheduler
 * may otherwise keep them all on one).  Prints the number of calls and
 * how long they took. */
#include <linux/futex.h>
#include <sched.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static int idle_word;
static int pin;
static double rate_per_thread, seconds;
static atomic_long total_calls;

static long long
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void *
make_calls (void *arg)
{
  long long start, end, now;
  long calls = 0;

  if (pin)
    {
      cpu_set_t one;

      CPU_ZERO (&one);
      CPU_SET ((int) (long) arg, &one);
      pthread_setaffinity_np (pthread_self (), sizeof one, &one);
    }
  start = now_ns ();
  end = start + (long long) (seconds * 1e9);

  while ((now = now_ns ()) < end)
    {
      /* Paced: catch up to where the rate says we should be, 64 at a time. */
      long due = rate_per_thread > 0 ? (long) ((now - start) * rate_per_thread / 1e9) : calls + 64;

      if (calls >= due)
        {
          struct timespec pause = { 0, 20000 };
          nanosleep (&pause, NULL);
          continue;
        }
      for (int i = 0; i < 64; i++)
        syscall (SYS_futex, &idle_word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
      calls += 64;
    }
  atomic_fetch_add (&total_calls, calls);
  return NULL;
}

int
main (int argc, char **argv)
{
  int n_threads = argc > 3 ? atoi (argv[3]) : 1;
  pthread_t threads[64];
  long long start = now_ns ();

  seconds = argc > 2 ? atof (argv[2]) : 1;
  n_threads = n_threads < 1 ? 1 : n_threads > 64 ? 64 : n_threads;
  rate_per_thread = (argc > 1 ? atof (argv[1]) : 0) / n_threads;
  pin = argc > 4 && argv[4][0] == 'p';
  for (int i = 0; i < n_threads; i++)
    pthread_create (&threads[i], NULL, make_calls, (void *) (long) (i % sysconf (_SC_NPROCESSORS_ONLN)));
  for (int i = 0; i < n_threads; i++)
    pthread_join (threads[i], NULL);
  printf ("calls=%ld elapsed_ns=%lld\n", atomic_load (&total_calls), now_ns () - start);
  return 0;
}
