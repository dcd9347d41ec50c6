/* thread-race: two threads each add 1 to a global counter 300,000,000
 * times.  Without a lock (the default) "counter = counter + 1" is a read,
 * an add and a write, and two threads running at once on two CPUs lose
 * each other's updates: the total comes out short.  With --lock every
 * addition holds `counter_lock`, the total is exact, and the threads
 * queue on the lock (contention in the timeline).
 *   thread-race          the race
 *   thread-race --lock   the fix with a mutex */
#include "demo-util.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#define THREADS 2
#define ADDS_WITHOUT_LOCK 300000000
#define ADDS_WITH_LOCK 500000

volatile long counter;
pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t start_line;
static int use_lock;

static void
add_one_racy (void)
{
  long seen = counter; /* read ... */
  counter = seen + 1;  /* ... write: another thread may have written in between */
}

static void *
adder (void *arg)
{
  int number = (int) (intptr_t) arg;
  long adds = use_lock ? ADDS_WITH_LOCK : ADDS_WITHOUT_LOCK;

  demo_name_thread ("adder-%d", number);
  pthread_barrier_wait (&start_line);
  for (long i = 0; i < adds; i++)
    {
      if (use_lock)
        pthread_mutex_lock (&counter_lock);
      add_one_racy ();
      if (use_lock)
        pthread_mutex_unlock (&counter_lock);
    }
  return NULL;
}

int
main (int argc, char **argv)
{
  pthread_t threads[THREADS];
  long adds;

  use_lock = argc > 1 && strcmp (argv[1], "--lock") == 0;
  adds = use_lock ? ADDS_WITH_LOCK : ADDS_WITHOUT_LOCK;
  demo_name_thread ("main");
  demo_say ("main: %d threads each add 1 to counter %ld times, %s",
            THREADS, adds, use_lock ? "holding counter_lock for every addition" : "with no lock");
  pthread_barrier_init (&start_line, NULL, THREADS);
  for (int i = 0; i < THREADS; i++)
    pthread_create (&threads[i], NULL, adder, (void *) (intptr_t) (i + 1));
  for (int i = 0; i < THREADS; i++)
    pthread_join (threads[i], NULL);
  demo_say ("main: expected %ld, got %ld: %s", THREADS * adds, counter,
            counter == THREADS * adds ? "exact, the lock made each addition whole"
                                      : "updates were lost, the threads overwrote each other");
  return 0;
}
