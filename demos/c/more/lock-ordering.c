/* lock-ordering: the ABBA deadlock avoided by taking locks in one order.
 * Both threads need mutex_a and mutex_b, as in deadlock-abba, but both
 * take mutex_a first: whoever gets mutex_a can always get mutex_b, so no
 * cycle of waits can form (the "circular wait" condition is broken).  The
 * threads still compete: 200 rounds each, holding both locks ~1 ms, and
 * the one that comes second waits on mutex_a. */
#include "demo-util.h"

#include <pthread.h>

#define ROUNDS 200

pthread_mutex_t mutex_a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t mutex_b = PTHREAD_MUTEX_INITIALIZER;

static void *
take_both_in_order (void *arg)
{
  const char *name = arg;

  demo_name_thread ("%s", name);
  for (int round = 0; round < ROUNDS; round++)
    {
      pthread_mutex_lock (&mutex_a); /* always a before b */
      pthread_mutex_lock (&mutex_b);
      demo_spin (1000000);           /* ~1 ms with both */
      pthread_mutex_unlock (&mutex_b);
      pthread_mutex_unlock (&mutex_a);
      demo_spin (300000);            /* a moment without: the other gets its turn */
    }
  demo_say ("%s: %d rounds with both locks, never stuck", name, ROUNDS);
  return NULL;
}

int
main (void)
{
  pthread_t t1, t2;

  demo_name_thread ("main");
  demo_say ("main: two threads need mutex_a and mutex_b; both take mutex_a first");
  pthread_create (&t1, NULL, take_both_in_order, (void *) "thread-1");
  pthread_create (&t2, NULL, take_both_in_order, (void *) "thread-2");
  pthread_join (t1, NULL);
  pthread_join (t2, NULL);
  demo_say ("main: both finished: one lock order, no cycle, no deadlock");
  return 0;
}
