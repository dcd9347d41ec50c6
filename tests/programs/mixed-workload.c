/* mixed-workload [SCALE]: issue 3's benchmark mix — 1000 fork/exit/wait,
 * 4 threads x 200k lock/unlock on one mutex, 20k pipe round trips between
 * two processes, 20k select calls with a zero timeout (each count divided
 * by SCALE, default 1).  Prints the loop's own time, so a benchmark can
 * compare traced and untraced runs without the recorder's start-up. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int scale = 1;
static pthread_mutex_t shared_mutex = PTHREAD_MUTEX_INITIALIZER;
static long shared_counter;

static long long
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void
fork_exit_wait (void)
{
  for (int i = 0; i < 1000 / scale; i++)
    {
      pid_t pid = fork ();

      if (pid == 0)
        _exit (0);
      waitpid (pid, NULL, 0);
    }
}

static void *
lock_unlock (void *arg)
{
  for (int i = 0; i < 200000 / scale; i++)
    {
      pthread_mutex_lock (&shared_mutex);
      shared_counter++;
      pthread_mutex_unlock (&shared_mutex);
    }
  return NULL;
}

static void
contend (void)
{
  pthread_t threads[4];

  for (int i = 0; i < 4; i++)
    pthread_create (&threads[i], NULL, lock_unlock, NULL);
  for (int i = 0; i < 4; i++)
    pthread_join (threads[i], NULL);
}

static int
pipe_round_trips (void)
{
  int to_child[2], to_parent[2];
  char byte = 'x';
  pid_t echo;

  if (pipe (to_child) < 0 || pipe (to_parent) < 0)
    return -1;
  echo = fork ();
  if (echo == 0)
    {
      close (to_child[1]);
      close (to_parent[0]);
      while (read (to_child[0], &byte, 1) == 1)
        if (write (to_parent[1], &byte, 1) != 1)
          _exit (1);
      _exit (0);
    }
  close (to_child[0]);
  close (to_parent[1]);
  for (int i = 0; i < 20000 / scale; i++)
    if (write (to_child[1], &byte, 1) != 1 || read (to_parent[0], &byte, 1) != 1)
      return -1;
  close (to_child[1]);
  close (to_parent[0]);
  waitpid (echo, NULL, 0);
  return 0;
}

static void
select_polls (void)
{
  int fds[2];

  if (pipe (fds) < 0)
    return;
  for (int i = 0; i < 20000 / scale; i++)
    {
      fd_set readable;
      struct timeval zero = { 0, 0 };

      FD_ZERO (&readable);
      FD_SET (fds[0], &readable);
      select (fds[0] + 1, &readable, NULL, NULL, &zero);
    }
  close (fds[0]);
  close (fds[1]);
}

int
main (int argc, char **argv)
{
  long long start;

  if (argc > 1)
    scale = atoi (argv[1]) > 0 ? atoi (argv[1]) : 1;
  long long t[5];

  t[0] = start = now_ns ();
  fork_exit_wait ();
  t[1] = now_ns ();
  contend ();
  t[2] = now_ns ();
  if (pipe_round_trips () < 0)
    return 1;
  t[3] = now_ns ();
  select_polls ();
  t[4] = now_ns ();
  printf ("elapsed_ns=%lld counter=%ld fork_ns=%lld lock_ns=%lld pipe_ns=%lld select_ns=%lld\n",
          t[4] - start, shared_counter, t[1] - t[0], t[2] - t[1], t[3] - t[2], t[4] - t[3]);
  return shared_counter == 4L * (200000 / scale) ? 0 : 1;
}
