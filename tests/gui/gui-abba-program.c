/* gui-abba-program: an ABBA deadlock between two named threads on two
 * global mutexes; SIGALRM ends it after 1.5 s. */
#include <pthread.h>
#include <signal.h>
#include <sys/time.h>
#include <unistd.h>

pthread_mutex_t mutex_a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t mutex_b = PTHREAD_MUTEX_INITIALIZER;

static void *
first (void *arg)
{
  pthread_setname_np (pthread_self (), "locks-a-then-b");
  pthread_mutex_lock (&mutex_a);
  usleep (200 * 1000);
  pthread_mutex_lock (&mutex_b);
  return NULL;
}

static void *
second (void *arg)
{
  pthread_setname_np (pthread_self (), "locks-b-then-a");
  pthread_mutex_lock (&mutex_b);
  usleep (200 * 1000);
  pthread_mutex_lock (&mutex_a);
  return NULL;
}

int
main (void)
{
  struct itimerval stop = { .it_value = { .tv_sec = 1, .tv_usec = 500 * 1000 } };
  pthread_t a, b;

  setitimer (ITIMER_REAL, &stop, NULL);
  pthread_create (&a, NULL, first, NULL);
  pthread_create (&b, NULL, second, NULL);
  pthread_join (a, NULL);
  return 0;
}
