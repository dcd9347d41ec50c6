/* thread-gil: why CPU-bound Python threads take turns.  Two threads each
 * do 1.5 s of pure computation.  With the default, every slice of work
 * needs `gil`, a global interpreter lock built like CPython's (a mutex,
 * a condition variable, and a forced switch every 5 ms): only one thread
 * runs at a time, the other waits, and the whole takes ~3 s even on two
 * CPUs.  With --no-gil the same threads run in parallel (~1.5 s).
 *   thread-gil            take turns under the gil
 *   thread-gil --no-gil   run at once on two CPUs
 * On a busy machine two threads may seldom be on the CPUs together, so
 * without the gil they measure it (as thread-race does): a 5 ms slice
 * counts, half its time, when it took no longer than its CPU time and
 * the other thread finished a slice meanwhile.  They work on past
 * WORK_MS until both measured TOGETHER_MS, or for MAX_MS at most. */
#include "demo-util.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#define THREADS 2
#define WORK_MS 1500
#define SWITCH_INTERVAL_MS 5
/* 5 ms slices, like the Python processes demo, whose trace showed
 * 0.23-0.42 times such an estimate: 250 ms leaves the catalog's 20 ms a margin. */
#define TOGETHER_MS 250
#define MAX_MS 30000

typedef struct {
  pthread_mutex_t mutex;
  pthread_cond_t released;
  int holder;        /* 0: free, else the thread number holding it */
  int last_holder;
  int waiting;       /* threads asking for it */
} GlobalLock;

GlobalLock gil = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER };
static bool use_gil = true;
static long switches;
static atomic_long slices_done[THREADS + 1];
static atomic_long together_us[THREADS + 1];

static long long
clock_us (clockid_t clock)
{
  struct timespec now;

  clock_gettime (clock, &now);
  return now.tv_sec * 1000000LL + now.tv_nsec / 1000;
}

static bool
seen_enough (void)
{
  for (int i = 1; i <= THREADS; i++)
    if (atomic_load (&together_us[i]) < TOGETHER_MS * 1000L)
      return false;
  return true;
}

/* Without the gil: slices until both saw each other running long enough. */
static void
compute_measured (int self)
{
  int other = self % THREADS + 1;
  long long start = clock_us (CLOCK_MONOTONIC);

  for (int done = 0;; done += SWITCH_INTERVAL_MS)
    {
      long long t0 = clock_us (CLOCK_MONOTONIC), cpu0 = clock_us (CLOCK_THREAD_CPUTIME_ID);
      long seen = atomic_load (&slices_done[other]);
      long long t1, cpu1;

      demo_burn_cpu_ms (SWITCH_INTERVAL_MS);
      t1 = clock_us (CLOCK_MONOTONIC);
      cpu1 = clock_us (CLOCK_THREAD_CPUTIME_ID);
      if ((cpu1 - cpu0) * 100 >= (t1 - t0) * 95 && atomic_load (&slices_done[other]) > seen)
        atomic_fetch_add (&together_us[self], (t1 - t0) / 2);
      atomic_fetch_add (&slices_done[self], 1);
      if ((done >= WORK_MS && seen_enough ()) || t1 - start > MAX_MS * 1000LL)
        return;
    }
}

static void
gil_take (int self)
{
  pthread_mutex_lock (&gil.mutex);
  gil.waiting++;
  /* A thread that just dropped it must let a waiting one go first. */
  while (gil.holder != 0 || (gil.last_holder == self && gil.waiting > 1))
    pthread_cond_wait (&gil.released, &gil.mutex);
  gil.waiting--;
  if (gil.last_holder != self)
    switches++;
  gil.holder = self;
  pthread_mutex_unlock (&gil.mutex);
}

static void
gil_drop (int self)
{
  pthread_mutex_lock (&gil.mutex);
  gil.holder = 0;
  gil.last_holder = self;
  pthread_cond_broadcast (&gil.released);
  pthread_mutex_unlock (&gil.mutex);
}

static void *
compute (void *arg)
{
  int self = (int) (intptr_t) arg;

  demo_name_thread ("compute-%d", self);
  if (!use_gil)
    {
      compute_measured (self);
      return NULL;
    }
  for (int done = 0; done < WORK_MS; done += SWITCH_INTERVAL_MS)
    {
      if (use_gil)
        gil_take (self);
      demo_burn_cpu_ms (SWITCH_INTERVAL_MS);
      if (use_gil)
        gil_drop (self);
    }
  return NULL;
}

int
main (int argc, char **argv)
{
  pthread_t threads[THREADS];
  long started;

  use_gil = !(argc > 1 && strcmp (argv[1], "--no-gil") == 0);
  demo_name_thread ("main");
  demo_say ("main: %d threads each compute for %d ms of CPU, %s", THREADS, WORK_MS,
            use_gil ? "and must hold the gil to do it" : "with no global lock");
  started = demo_elapsed_ms ();
  for (int i = 0; i < THREADS; i++)
    pthread_create (&threads[i], NULL, compute, (void *) (intptr_t) (i + 1));
  for (int i = 0; i < THREADS; i++)
    pthread_join (threads[i], NULL);
  if (use_gil)
    demo_say ("main: took %ld ms for %d ms of work each: they took turns (%ld switches)",
              demo_elapsed_ms () - started, WORK_MS, switches);
  else
    demo_say ("main: took %ld ms for at least %d ms of work each; the threads measured at least "
              "%ld and %ld ms running at the same moment as each other",
              demo_elapsed_ms () - started, WORK_MS, atomic_load (&together_us[1]) / 1000,
              atomic_load (&together_us[2]) / 1000);
  return 0;
}
