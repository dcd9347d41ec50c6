/* thread-rlock: the tutorial's fix for deadlock with a recursive lock
 * (RLock).  Ten threads run f1 (A then B) and f2 (B, sleep, then A), as
 * in the deadlock example, but mutex_a and mutex_b are one recursive
 * mutex, `rlock_ab`: the thread that holds it may take it again (a count
 * goes up), and every other thread waits until the count is back to 0.
 * The threads queue on rlock_ab, and all ten finish. */
#include "demo-util.h"

#include <pthread.h>
#include <stdint.h>

#define THREADS 10

pthread_mutex_t rlock_ab;
#define mutex_a rlock_ab /* mutexA = mutexB = RLock() */
#define mutex_b rlock_ab

static void
f1 (int number)
{
  pthread_mutex_lock (&mutex_a);
  demo_say ("thread-%d: got A", number);
  pthread_mutex_lock (&mutex_b);
  demo_say ("thread-%d: got B (the same recursive lock, taken twice)", number);
  pthread_mutex_unlock (&mutex_b);
  pthread_mutex_unlock (&mutex_a);
}

static void
f2 (int number)
{
  pthread_mutex_lock (&mutex_b);
  demo_say ("thread-%d: got B", number);
  demo_sleep_ms (100);
  pthread_mutex_lock (&mutex_a);
  demo_say ("thread-%d: got A", number);
  pthread_mutex_unlock (&mutex_a);
  pthread_mutex_unlock (&mutex_b);
}

static void *
run (void *arg)
{
  int number = (int) (intptr_t) arg;

  demo_name_thread ("thread-%d", number);
  f1 (number);
  f2 (number);
  return NULL;
}

int
main (void)
{
  pthread_t threads[THREADS];
  pthread_mutexattr_t recursive;

  demo_name_thread ("main");
  pthread_mutexattr_init (&recursive);
  pthread_mutexattr_settype (&recursive, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init (&rlock_ab, &recursive);
  for (int i = 0; i < THREADS; i++)
    pthread_create (&threads[i], NULL, run, (void *) (intptr_t) (i + 1));
  for (int i = 0; i < THREADS; i++)
    pthread_join (threads[i], NULL);
  demo_say ("main: all %d threads finished; no deadlock with one recursive lock", THREADS);
  return 0;
}
