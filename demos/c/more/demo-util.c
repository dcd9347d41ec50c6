/* demo-util.c: see demo-util.h. */
#include "demo-util.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static char watchdog_message[256];

void
demo_say (const char *format, ...)
{
  va_list args;

  va_start (args, format);
  vprintf (format, args);
  va_end (args);
  fputc ('\n', stdout);
  fflush (stdout);
}

void
demo_name_thread (const char *format, ...)
{
  char name[16];
  va_list args;

  va_start (args, format);
  vsnprintf (name, sizeof name, format, args);
  va_end (args);
  pthread_setname_np (pthread_self (), name);
}

static double
thread_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

void
demo_burn_cpu_ms (unsigned ms)
{
  double until = thread_cpu_ms () + ms;
  volatile unsigned long spin = 0;

  while (thread_cpu_ms () < until)
    for (int i = 0; i < 1000; i++)
      spin++;
}

void
demo_spin (unsigned long loops)
{
  volatile unsigned long spin = 0;

  for (unsigned long i = 0; i < loops; i++)
    spin++;
}

void
demo_sleep_ms (unsigned ms)
{
  struct timespec pause = { ms / 1000, (long) (ms % 1000) * 1000000L };

  while (nanosleep (&pause, &pause) != 0)
    ;
}

static void
watchdog_fired (int signo)
{
  /* Only async-signal-safe calls here: write and _exit. */
  if (write (STDOUT_FILENO, watchdog_message, strlen (watchdog_message)) < 0)
    _exit (1);
  _exit (0);
}

void
demo_watchdog (unsigned seconds, const char *why)
{
  snprintf (watchdog_message, sizeof watchdog_message,
            "watchdog: %s; still stuck after %u s, so the demo ends itself.\n",
            why, seconds);
  signal (SIGALRM, watchdog_fired);
  alarm (seconds);
}

long
demo_elapsed_ms (void)
{
  static struct timespec start;
  struct timespec now;

  clock_gettime (CLOCK_MONOTONIC, &now);
  if (start.tv_sec == 0 && start.tv_nsec == 0)
    start = now;
  return (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
}
