/* model-sem-stall: two threads each wait for a semaphore that only the
 * other would post after getting its own: semaphores have no owner, so
 * this deadlock shows as a stall.  SIGALRM ends it after 2 s.  Prints the
 * workers' tids. */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/syscall.h>

sem_t sem_one;
sem_t sem_two;

static void *
wait_then_post (void *arg)
{
  sem_t **pair = arg;

  printf ("worker %ld\n", (long) syscall (SYS_gettid));
  fflush (stdout);
  sem_wait (pair[0]); /* never posted */
  sem_post (pair[1]);
  return NULL;
}

int
main (void)
{
  pthread_t t1, t2;
  sem_t *first[] = { &sem_one, &sem_two };
  sem_t *second[] = { &sem_two, &sem_one };

  alarm (2);
  sem_init (&sem_one, 0, 0);
  sem_init (&sem_two, 0, 0);
  pthread_create (&t1, NULL, wait_then_post, first);
  pthread_create (&t2, NULL, wait_then_post, second);
  pthread_join (t1, NULL);
  pthread_join (t2, NULL);
  return 0;
}
