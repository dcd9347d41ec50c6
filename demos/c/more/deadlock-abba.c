/* deadlock-abba: the classic deadlock of two threads.  thread-ab takes
 * mutex_a then mutex_b; thread-ba takes mutex_b then mutex_a.  Each gets
 * its first lock, then waits forever for the one the other holds: a
 * cycle.  A watchdog ends the process after 3 s and says so. */
#include "demo-util.h"

#include <pthread.h>

pthread_mutex_t mutex_a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t mutex_b = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t both_hold_one;

typedef struct {
  const char *name;
  pthread_mutex_t *first, *second;
  const char *first_name, *second_name;
} Plan;

static void *
take_two (void *arg)
{
  const Plan *plan = arg;

  demo_name_thread ("%s", plan->name);
  pthread_mutex_lock (plan->first);
  demo_say ("%s: holds %s, now asks for %s", plan->name, plan->first_name, plan->second_name);
  pthread_barrier_wait (&both_hold_one);
  pthread_mutex_lock (plan->second); /* never returns: the other thread holds it */
  demo_say ("%s: got both (this line never prints)", plan->name);
  pthread_mutex_unlock (plan->second);
  pthread_mutex_unlock (plan->first);
  return NULL;
}

int
main (void)
{
  static const Plan ab = { "thread-ab", &mutex_a, &mutex_b, "mutex_a", "mutex_b" };
  static const Plan ba = { "thread-ba", &mutex_b, &mutex_a, "mutex_b", "mutex_a" };
  pthread_t t1, t2;

  demo_name_thread ("main");
  demo_watchdog (3, "thread-ab waits for mutex_b, thread-ba waits for mutex_a: a deadlock");
  pthread_barrier_init (&both_hold_one, NULL, 2);
  pthread_create (&t1, NULL, take_two, (void *) &ab);
  pthread_create (&t2, NULL, take_two, (void *) &ba);
  pthread_join (t1, NULL);
  pthread_join (t2, NULL);
  return 0;
}
