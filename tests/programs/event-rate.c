/* event-rate RATE SECONDS: makes about RATE futex wake calls a second (0 =
 * as fast as it can) for SECONDS, on a futex nobody waits on — each call is
 * one event for the recorder and almost no work for the kernel.  Prints
 * the number of calls and how long they took. */
#include <linux/futex.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static int idle_word;

static long long
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int
main (int argc, char **argv)
{
  double rate = argc > 1 ? atof (argv[1]) : 0;
  double seconds = argc > 2 ? atof (argv[2]) : 1;
  long long start = now_ns (), end = start + (long long) (seconds * 1e9), now;
  long calls = 0;

  while ((now = now_ns ()) < end)
    {
      /* Paced: catch up to where RATE says we should be, 64 at a time. */
      long due = rate > 0 ? (long) ((now - start) * rate / 1e9) : calls + 64;

      if (calls >= due)
        {
          struct timespec pause = { 0, 20000 };
          nanosleep (&pause, NULL);
          continue;
        }
      for (int i = 0; i < 64; i++)
        syscall (SYS_futex, &idle_word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
      calls += 64;
    }
  printf ("calls=%ld elapsed_ns=%lld\n", calls, now_ns () - start);
  return 0;
}
