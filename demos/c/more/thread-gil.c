/* thread-gil: why CPU-bound Python threads take turns.  Two threads each
 * do 1.5 s of pure computation.  With the default, every slice of work
 * needs `gil`, a global interpreter lock built like CPython's (a mutex,
 * a condition variable, and a forced switch every 5 ms): only one thread
 * runs at a time, the other waits, and the whole takes ~3 s even on two
 * CPUs.  With --no-gil the same threads run in parallel (~1.5 s).
 *   thread-gil            take turns under the gil
 *   thread-gil --no-gil   run at once on two CPUs */
#include "demo-util.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define THREADS 2
#define WORK_MS 1500
#define SWITCH_INTERVAL_MS 5

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
    demo_say ("main: took %ld ms for %d ms of work each: they ran at the same time",
              demo_elapsed_ms () - started, WORK_MS);
  return 0;
}
