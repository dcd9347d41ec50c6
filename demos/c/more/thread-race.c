/* thread-race: two threads each add 1 to a global counter 20,000 times,
 * like the tutorial's "temp = n; time.sleep(0.1); n = temp - 1": each
 * addition reads counter, works a moment (~60 us), then writes counter + 1.
 * Without a lock (the default) the two threads, running at the same time
 * on two CPUs, read the same value and overwrite each other's update: the
 * total comes out short.  With --lock every addition holds counter_lock,
 * the total is exact, and the threads queue on the lock (contention in
 * the timeline) and take turns.
 *   thread-race          the race
 *   thread-race --lock   the fix with a mutex */
#include "demo-util.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#define THREADS 2
#define ADDS 20000
#define WORK_LOOPS 60000 /* ~60 us of CPU */

volatile long counter;
pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t start_line;
static int use_lock;

static void
add_one (void)
{
  long seen = counter;        /* read ... */
  demo_spin (WORK_LOOPS);     /* ... work ... */
  counter = seen + 1;         /* ... write: the other thread may have written in between */
}

static void *
adder (void *arg)
{
  int number = (int) (intptr_t) arg;

  demo_name_thread ("adder-%d", number);
  pthread_barrier_wait (&start_line);
  for (long i = 0; i < ADDS; i++)
    {
      if (use_lock)
        pthread_mutex_lock (&counter_lock);
      add_one ();
      if (use_lock)
        pthread_mutex_unlock (&counter_lock);
    }
  return NULL;
}

int
main (int argc, char **argv)
{
  pthread_t threads[THREADS];

  use_lock = argc > 1 && strcmp (argv[1], "--lock") == 0;
  demo_name_thread ("main");
  demo_say ("main: %d threads each add 1 to counter %d times (read, work, write), %s",
            THREADS, ADDS, use_lock ? "holding counter_lock for every addition" : "with no lock");
  pthread_barrier_init (&start_line, NULL, THREADS);
  for (int i = 0; i < THREADS; i++)
    pthread_create (&threads[i], NULL, adder, (void *) (intptr_t) (i + 1));
  for (int i = 0; i < THREADS; i++)
    pthread_join (threads[i], NULL);
  demo_say ("main: expected %d, got %ld: %s", THREADS * ADDS, counter,
            counter == THREADS * ADDS ? "exact, the lock made each addition whole"
                                      : "updates were lost, the threads overwrote each other");
  return 0;
}
