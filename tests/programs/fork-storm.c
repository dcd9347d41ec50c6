/* fork-storm N: forks N children one at a time, each exits at once and is
 * waited for.  Prints how long the loop took, so a benchmark can compare
 * the program's own time traced and untraced (recorder start-up excluded). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

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
  int n = argc > 1 ? atoi (argv[1]) : 1000;
  long long start = now_ns ();

  for (int i = 0; i < n; i++)
    {
      pid_t pid = fork ();
      int status;

      if (pid == 0)
        _exit (0);
      waitpid (pid, &status, 0);
    }
  printf ("elapsed_ns=%lld\n", now_ns () - start);
  return 0;
}
