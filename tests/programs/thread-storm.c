/* thread-storm N: N threads alive at once, then all joined. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_barrier_t all_started;

static void *
wait_for_everyone (void *arg)
{
  pthread_barrier_wait (&all_started);
  return NULL;
}

int
main (int argc, char **argv)
{
  int n = argc > 1 ? atoi (argv[1]) : 500;
  pthread_t *threads = calloc (n, sizeof *threads);
  pthread_attr_t attr;

  pthread_attr_init (&attr);
  pthread_attr_setstacksize (&attr, 64 * 1024);
  pthread_barrier_init (&all_started, NULL, n + 1);
  for (int i = 0; i < n; i++)
    if (pthread_create (&threads[i], &attr, wait_for_everyone, NULL) != 0)
      {
        perror ("pthread_create");
        return 1;
      }
  pthread_barrier_wait (&all_started);
  for (int i = 0; i < n; i++)
    pthread_join (threads[i], NULL);
  printf ("%d threads\n", n);
  free (threads);
  return 0;
}
