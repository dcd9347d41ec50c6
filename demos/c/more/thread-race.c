/* thread-race: two threads each add 1 to a global counter 20,000 times,
 * like the tutorial's "temp = n; time.sleep(0.1); n = temp - 1": each
 * addition reads counter, works a moment (~60 us), then writes counter + 1.
 * Without a lock (the default) the two threads, running at the same time
 * on two CPUs, read the same value and overwrite each other's update: the
 * total comes out short.  With --lock every addition holds counter_lock,
 * the total is exact, and the threads queue on the lock (contention in
 * the timeline) and take turns.
 *   thread-race          the race
 *   thread-race --lock   the fix with a mutex
 *
 * The race needs the two threads on two CPUs at the same moment, which a
 * busy machine may rarely allow.  So the racing threads measure it: each
 * keeps the last addition it ran from start to end without being put
 * off its CPU (thread CPU time kept up with the clock), and at the end of
 * each such addition a thread counts the part of the other's last one
 * that overlapped its own.  Only time both really ran is counted, never
 * more.  They go on past ADDS until TOGETHER_NS of that is reached (or
 * MAX_MS have passed), and say how much they saw. */
#include "demo-util.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#define THREADS 2
#define ADDS 20000
#define WORK_LOOPS 60000 /* ~60 us of CPU */
/* Three times the 20 ms the catalog asks of the trace, which sees more:
 * the counted overlaps are those of whole additions only. */
#define TOGETHER_NS 60000000LL
#define MAX_MS 30000

volatile long counter;
pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t start_line;
static int use_lock;
static atomic_long adds_done[THREADS];
static atomic_llong together_ns[THREADS];
static atomic_int enough;
/* Each thread's last addition that ran on a CPU from start to end. */
static atomic_llong ran_from[THREADS], ran_to[THREADS];

static void
add_one (void)
{
  long seen = counter;        /* read ... */
  demo_spin (WORK_LOOPS);     /* ... work ... */
  counter = seen + 1;         /* ... write: the other thread may have written in between */
}

static long long
clock_ns (clockid_t clock)
{
  struct timespec now;

  clock_gettime (clock, &now);
  return now.tv_sec * 1000000000LL + now.tv_nsec;
}

/* Whether the two have run together long enough, and each has done its
 * share of additions. */
static int
seen_enough (void)
{
  long long together = 0;

  for (int i = 0; i < THREADS; i++)
    {
      together += atomic_load (&together_ns[i]);
      if (atomic_load (&adds_done[i]) < ADDS)
        return 0;
    }
  return together >= TOGETHER_NS;
}

/* How long the other thread's last whole addition overlapped [t0, t1].
 * Its end is read before its start, and it writes its start first: a
 * reading that mixes two additions has start > end and counts nothing. */
static long long
overlap_with (int other, long long t0, long long t1)
{
  long long to = atomic_load (&ran_to[other]);
  long long from = atomic_load (&ran_from[other]);
  long long start = from > t0 ? from : t0;
  long long end = to < t1 ? to : t1;

  return end > start ? end - start : 0;
}

/* One racing addition, timed.  Each overlap is counted once, by the
 * thread whose addition ends later. */
static void
add_one_measured (int me)
{
  int other = (me + 1) % THREADS;
  long long t0 = clock_ns (CLOCK_MONOTONIC), cpu0 = clock_ns (CLOCK_THREAD_CPUTIME_ID);
  long long t1, cpu1;

  add_one ();
  t1 = clock_ns (CLOCK_MONOTONIC);
  cpu1 = clock_ns (CLOCK_THREAD_CPUTIME_ID);
  if ((cpu1 - cpu0) * 100 >= (t1 - t0) * 95)
    {
      atomic_fetch_add (&together_ns[me], overlap_with (other, t0, t1));
      atomic_store (&ran_from[me], t0);
      atomic_store (&ran_to[me], t1);
    }
  atomic_fetch_add (&adds_done[me], 1);
}

static void *
adder (void *arg)
{
  int number = (int) (intptr_t) arg;

  demo_name_thread ("adder-%d", number);
  pthread_barrier_wait (&start_line);
  if (use_lock)
    {
      for (long i = 0; i < ADDS; i++)
        {
          pthread_mutex_lock (&counter_lock);
          add_one ();
          pthread_mutex_unlock (&counter_lock);
        }
      return NULL;
    }
  while (!atomic_load (&enough))
    {
      add_one_measured (number - 1);
      if (seen_enough () || demo_elapsed_ms () > MAX_MS)
        atomic_store (&enough, 1);
    }
  return NULL;
}

int
main (int argc, char **argv)
{
  pthread_t threads[THREADS];

  use_lock = argc > 1 && strcmp (argv[1], "--lock") == 0;
  demo_name_thread ("main");
  if (use_lock)
    demo_say ("main: %d threads each add 1 to counter %d times (read, work, write), "
              "holding counter_lock for every addition", THREADS, ADDS);
  else
    demo_say ("main: %d threads each add 1 to counter at least %d times (read, work, write), "
              "with no lock, until they have run at the same moment for %lld ms",
              THREADS, ADDS, TOGETHER_NS / 1000000);
  demo_elapsed_ms ();
  pthread_barrier_init (&start_line, NULL, THREADS);
  for (int i = 0; i < THREADS; i++)
    pthread_create (&threads[i], NULL, adder, (void *) (intptr_t) (i + 1));
  for (int i = 0; i < THREADS; i++)
    pthread_join (threads[i], NULL);
  if (use_lock)
    {
      demo_say ("main: expected %d, got %ld: %s", THREADS * ADDS, counter,
                counter == THREADS * ADDS ? "exact, the lock made each addition whole"
                                          : "updates were lost, the threads overwrote each other");
      return 0;
    }
  long done = atomic_load (&adds_done[0]) + atomic_load (&adds_done[1]);
  demo_say ("main: the adders measured %.0f ms running at the same moment",
            (atomic_load (&together_ns[0]) + atomic_load (&together_ns[1])) / 1e6);
  demo_say ("main: expected %ld (the additions done), got %ld: %s", done, counter,
            counter == done ? "exact this time" : "updates were lost, the threads overwrote each other");
  return 0;
}
