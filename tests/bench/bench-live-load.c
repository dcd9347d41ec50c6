/*
 * bench-live-load SECONDS ROUND_TRIPS_PER_S: the load bench-live records.
 *
 * Two threads bounce a byte through a pair of pipes at the given rate (each
 * round trip is a handful of events: reads blocking and returning, writes,
 * switches and wakeups), and every 50 ms the main thread forks a child
 * that exits at once: those forks are the marks whose way to the screen
 * bench-live times.
 */
#include <pthread.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int ping[2], pong[2];
static volatile int running = 1;
static long rate;

static void
sleep_ns (long ns)
{
  struct timespec ts = { ns / 1000000000L, ns % 1000000000L };
  nanosleep (&ts, NULL);
}

static void *
bouncer (void *data)
{
  char byte;

  while (read (ping[0], &byte, 1) == 1 && byte == 'p')
    (void) !write (pong[1], "q", 1);
  return NULL;
}

static void *
driver (void *data)
{
  char byte;
  /* Round trips in batches of 10, paced by a sleep: 100 wakeups a second
   * at most, so the pace holds on a busy machine. */
  long batch = 10, pause = 1000000000L / (rate / batch);

  while (running)
    {
      for (long i = 0; i < batch; i++)
        {
          (void) !write (ping[1], "p", 1);
          (void) !read (pong[0], &byte, 1);
        }
      sleep_ns (pause);
    }
  (void) !write (ping[1], "x", 1);
  return NULL;
}

int
main (int argc, char **argv)
{
  int seconds = argc > 1 ? atoi (argv[1]) : 5;
  pthread_t threads[2];

  rate = argc > 2 ? atol (argv[2]) : 1000;
  if (rate < 10 || pipe (ping) < 0 || pipe (pong) < 0)
    return 1;
  pthread_create (&threads[0], NULL, bouncer, NULL);
  pthread_create (&threads[1], NULL, driver, NULL);
  for (int i = 0; i < seconds * 20; i++)
    {
      pid_t child = fork ();

      if (child == 0)
        _exit (0);
      waitpid (child, NULL, 0);
      sleep_ns (50000000L);
    }
  running = 0;
  pthread_join (threads[1], NULL);
  pthread_join (threads[0], NULL);
  return 0;
}
