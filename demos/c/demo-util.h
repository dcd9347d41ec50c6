/*
 * demo-util.h: what every C demo shares — plain-words output, each line
 * led by who prints it, flushed at once so a class sees it as it happens
 * (and so a forked child never repeats its parent's buffered lines).
 */
#pragma once

#include <stdarg.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

static inline void
say (const char *format, ...)
{
  va_list args;

  printf ("[pid %d] ", (int) getpid ());
  va_start (args, format);
  vprintf (format, args);
  va_end (args);
  printf ("\n");
  fflush (stdout);
}

/* The name the trace shows for this process or thread (15 bytes at most). */
static inline void
name_self (const char *name)
{
  prctl (PR_SET_NAME, name, 0, 0, 0);
}

static inline void
sleep_ms (long ms)
{
  struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

  while (nanosleep (&ts, &ts) != 0)
    ;
}

/* Computes for ms of cpu time (not wall time: on a busy machine it takes
 * longer, but it always runs that long): the R state on purpose. */
static inline unsigned long
spin_ms (long ms)
{
  struct timespec start, now;
  volatile unsigned long work = 0;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &start);
  do
    {
      for (int i = 0; i < 100000; i++)
        work += i;
      clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
    }
  while ((now.tv_sec - start.tv_sec) * 1000L + (now.tv_nsec - start.tv_nsec) / 1000000L < ms);
  return work;
}
