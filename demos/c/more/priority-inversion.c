/* priority-inversion: a low-priority thread holds a lock that a
 * high-priority thread needs, and CPU-bound threads of middle priority
 * keep the low one from running, so the high one waits for them all.
 * Priorities are nice levels (no privilege needed): low is nice 19,
 * the others nice 0.  low takes shared_lock and needs 20 ms of CPU
 * inside it (more than the few ms the scheduler may owe a thread that
 * slept, which would let it finish at once); high asks for the lock 10 ms later, while low still sleeps
 * holding it (so high waits however the machine is loaded); two busy
 * threads each burn 0.6 s of CPU.  All of them run on one CPU, where
 * the nice levels alone decide who runs, whatever the rest of the machine
 * is doing (on a CPU of its own, low would not wait for anyone).  With
 * the CPU mostly the busy threads', low's 20 ms take over a second, and
 * high waits all that time although nothing it is waiting for is
 * actually working. */
#include "demo-util.h"

#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

pthread_mutex_t shared_lock = PTHREAD_MUTEX_INITIALIZER;

static void
set_nice (int nice)
{
  setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), nice);
}

/* The process (and every thread it starts) on the first CPU it may use. */
static void
pin_to_one_cpu (void)
{
  cpu_set_t allowed, one;

  if (sched_getaffinity (0, sizeof allowed, &allowed) != 0)
    return;
  for (int cpu = 0; cpu < CPU_SETSIZE; cpu++)
    if (CPU_ISSET (cpu, &allowed))
      {
        CPU_ZERO (&one);
        CPU_SET (cpu, &one);
        sched_setaffinity (0, sizeof one, &one);
        return;
      }
}

static void *
low (void *arg)
{
  demo_name_thread ("low-nice19");
  set_nice (19);
  pthread_mutex_lock (&shared_lock);
  demo_say ("low: holds shared_lock, needs 20 ms of CPU in it");
  demo_sleep_ms (30);        /* by now the busy threads have the CPU */
  demo_burn_cpu_ms (20);
  demo_say ("low: releases shared_lock at %ld ms", demo_elapsed_ms ());
  pthread_mutex_unlock (&shared_lock);
  return NULL;
}

static void *
high (void *arg)
{
  long asked;

  demo_name_thread ("high");
  demo_sleep_ms (10); /* low holds the lock until 30 ms at least */
  asked = demo_elapsed_ms ();
  pthread_mutex_lock (&shared_lock);
  demo_say ("high: waited %ld ms for shared_lock (20 ms of work inside it)", demo_elapsed_ms () - asked);
  pthread_mutex_unlock (&shared_lock);
  return NULL;
}

static void *
busy (void *arg)
{
  demo_name_thread ("busy-%d", (int) (intptr_t) arg);
  demo_sleep_ms (20);
  demo_burn_cpu_ms (600);
  return NULL;
}

int
main (void)
{
  enum { n_busy = 2 };
  pthread_t l, h, b[n_busy];

  pin_to_one_cpu ();
  demo_name_thread ("main");
  demo_elapsed_ms ();
  pthread_create (&l, NULL, low, NULL);
  demo_sleep_ms (5); /* low takes the lock first */
  pthread_create (&h, NULL, high, NULL);
  for (int i = 0; i < n_busy; i++)
    pthread_create (&b[i], NULL, busy, (void *) (intptr_t) (i + 1));
  pthread_join (l, NULL);
  pthread_join (h, NULL);
  for (int i = 0; i < n_busy; i++)
    pthread_join (b[i], NULL);
  return 0;
}
