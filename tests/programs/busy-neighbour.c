/* busy-neighbour SECONDS: an unrelated program that is busy in every way
 * the recorder watches — it forks, two threads contend on a mutex, it
 * writes and reads a pipe, and a 1 ms interval timer signals it — so a
 * test can check that none of it ends up in someone else's trace. */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t neighbour_mutex = PTHREAD_MUTEX_INITIALIZER;
static volatile sig_atomic_t alarms;
static volatile int done;

static void
on_alarm (int sig)
{
  alarms++;
}

static void *
contend (void *arg)
{
  struct timespec hold = { 0, 200000 };

  while (!done)
    {
      pthread_mutex_lock (&neighbour_mutex);
      nanosleep (&hold, NULL);
      pthread_mutex_unlock (&neighbour_mutex);
    }
  return NULL;
}

int
main (int argc, char **argv)
{
  int seconds = argc > 1 ? atoi (argv[1]) : 5;
  struct itimerval every_ms = { { 0, 1000 }, { 0, 1000 } };
  time_t end = time (NULL) + seconds;
  pthread_t threads[2];
  int fds[2];
  char byte = 'n';

  signal (SIGALRM, on_alarm);
  setitimer (ITIMER_REAL, &every_ms, NULL);
  if (pipe (fds) < 0)
    return 1;
  for (int i = 0; i < 2; i++)
    pthread_create (&threads[i], NULL, contend, NULL);
  while (time (NULL) < end)
    {
      pid_t pid = fork ();

      if (pid == 0)
        _exit (0);
      waitpid (pid, NULL, 0);
      if (write (fds[1], &byte, 1) != 1 || read (fds[0], &byte, 1) != 1)
        return 1;
    }
  done = 1;
  for (int i = 0; i < 2; i++)
    pthread_join (threads[i], NULL);
  return 0;
}
