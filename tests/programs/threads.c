/* threads: four named threads in one process. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static void *
work (void *arg)
{
  char name[16];

  snprintf (name, sizeof name, "worker-%ld", (long) arg);
  pthread_setname_np (pthread_self (), name);
  usleep (50000);
  return NULL;
}

int
main (void)
{
  pthread_t threads[4];

  for (long i = 0; i < 4; i++)
    pthread_create (&threads[i], NULL, work, (void *) i);
  for (int i = 0; i < 4; i++)
    pthread_join (threads[i], NULL);
  printf ("pid=%d\n", getpid ());
  return 0;
}
