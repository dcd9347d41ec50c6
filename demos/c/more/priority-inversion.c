/* priority-inversion: a low-priority thread holds a lock that a
 * high-priority thread needs, and CPU-bound threads of middle priority
 * keep the low one from running, so the high one waits for them all.
 * Priorities are nice levels (no privilege needed): low is nice 19,
 * the others nice 0.  low takes shared_lock and needs 20 ms of CPU
 * inside it (more than the few ms the scheduler may owe a thread that
 * slept, which would let it finish at once); high asks for the lock 10 ms later, while low still sleeps
 * holding it (so high waits however the machine is loaded); two busy
 * threads per CPU each burn 0.6 s of CPU.  With the CPU mostly theirs,
 * low's 20 ms take most of a second, and high waits all that time although
 * nothing it is waiting for is actually working. */
#include "demo-util.h"

#include <pthread.h>
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

static void *
low (void *arg)
{
  demo_name_thread ("low-nice19");
  set_nice (19);
  pthread_mutex_lock (&shared_lock);
  demo_say ("low: holds shared_lock, needs 20 ms of CPU in it");
  demo_sleep_ms (30);        /* by now the busy threads have the CPUs */
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
  long cpus = sysconf (_SC_NPROCESSORS_ONLN);
  int n_busy = (int) (cpus > 0 ? 2 * cpus : 4);
  pthread_t l, h, b[256];

  if (n_busy > 256)
    n_busy = 256;
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
