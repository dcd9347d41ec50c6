/* deadlock-dining: ten philosophers at a round table, one fork between
 * each pair (fork_0 .. fork_9).  Every philosopher picks up the fork on
 * the left, then the one on the right.  When all ten hold their left
 * fork, each waits for a fork the next one holds: a cycle of ten threads.
 * A watchdog ends the process after 3 s and says so. */
#include "demo-util.h"

#include <pthread.h>
#include <stdint.h>

#define PHILOSOPHERS 10

/* Separate globals so the trace names each fork. */
pthread_mutex_t fork_0 = PTHREAD_MUTEX_INITIALIZER, fork_1 = PTHREAD_MUTEX_INITIALIZER,
                fork_2 = PTHREAD_MUTEX_INITIALIZER, fork_3 = PTHREAD_MUTEX_INITIALIZER,
                fork_4 = PTHREAD_MUTEX_INITIALIZER, fork_5 = PTHREAD_MUTEX_INITIALIZER,
                fork_6 = PTHREAD_MUTEX_INITIALIZER, fork_7 = PTHREAD_MUTEX_INITIALIZER,
                fork_8 = PTHREAD_MUTEX_INITIALIZER, fork_9 = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t *const forks[PHILOSOPHERS] = {
  &fork_0, &fork_1, &fork_2, &fork_3, &fork_4, &fork_5, &fork_6, &fork_7, &fork_8, &fork_9,
};
static pthread_barrier_t all_hold_left;

static void *
philosopher (void *arg)
{
  int seat = (int) (intptr_t) arg;
  int left = seat, right = (seat + 1) % PHILOSOPHERS;

  demo_name_thread ("philosopher-%d", seat);
  pthread_mutex_lock (forks[left]);
  demo_say ("philosopher-%d: holds fork_%d, reaches for fork_%d", seat, left, right);
  pthread_barrier_wait (&all_hold_left);
  pthread_mutex_lock (forks[right]); /* never returns */
  demo_say ("philosopher-%d: eats (this line never prints)", seat);
  pthread_mutex_unlock (forks[right]);
  pthread_mutex_unlock (forks[left]);
  return NULL;
}

int
main (void)
{
  pthread_t threads[PHILOSOPHERS];

  demo_name_thread ("main");
  demo_watchdog (3, "each philosopher waits for the fork on the right: a cycle of ten");
  demo_say ("main: %d philosophers sit down; each takes the left fork first", PHILOSOPHERS);
  pthread_barrier_init (&all_hold_left, NULL, PHILOSOPHERS);
  for (int i = 0; i < PHILOSOPHERS; i++)
    pthread_create (&threads[i], NULL, philosopher, (void *) (intptr_t) i);
  for (int i = 0; i < PHILOSOPHERS; i++)
    pthread_join (threads[i], NULL);
  return 0;
}
