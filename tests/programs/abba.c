/* abba: the classic deadlock.  Thread 1 takes lock_a then lock_b, thread
 * 2 takes lock_b then lock_a; a barrier makes sure each holds its first
 * lock before asking for the second.  SIGALRM ends the process after 2 s. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/syscall.h>

pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t both_hold_one;

static void *
take_in_order (pthread_mutex_t *first, pthread_mutex_t *second, const char *name)
{
  printf ("%s %ld\n", name, (long) syscall (SYS_gettid));
  fflush (stdout);
  pthread_mutex_lock (first);
  pthread_barrier_wait (&both_hold_one);
  pthread_mutex_lock (second); /* never returns */
  pthread_mutex_unlock (second);
  pthread_mutex_unlock (first);
  return NULL;
}

static void *
thread_ab (void *arg)
{
  return take_in_order (&lock_a, &lock_b, "ab");
}

static void *
thread_ba (void *arg)
{
  return take_in_order (&lock_b, &lock_a, "ba");
}

int
main (void)
{
  pthread_t t1, t2;

  alarm (2);
  pthread_barrier_init (&both_hold_one, NULL, 2);
  pthread_create (&t1, NULL, thread_ab, NULL);
  pthread_create (&t2, NULL, thread_ba, NULL);
  pthread_join (t1, NULL);
  pthread_join (t2, NULL);
  return 0;
}
