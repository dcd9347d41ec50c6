/* cow-storm MB: fills MB megabytes, forks, and the child writes a byte in
 * every page of them: one copy-on-write fault per page, the heaviest use
 * of weft's page-fault hook.  Prints how long fork to reap took, so a
 * benchmark can compare the program's own time traced and untraced. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
  size_t size = (size_t) (argc > 1 ? atoi (argv[1]) : 128) << 20;
  long page = sysconf (_SC_PAGESIZE);
  char *data = malloc (size);
  long long start;
  pid_t pid;
  int status;

  if (!data)
    return 1;
  memset (data, 1, size);
  start = now_ns ();
  pid = fork ();
  if (pid == 0)
    {
      /* volatile: nothing reads these bytes before _exit, and a compiler
       * (clang, for the sanitizer build) would drop the writes. */
      volatile char *shared = data;

      for (size_t at = 0; at < size; at += page)
        shared[at] = 2;
      _exit (0);
    }
  waitpid (pid, &status, 0);
  printf ("elapsed_ns=%lld pages=%zu\n", now_ns () - start, size / page);
  free (data);
  return 0;
}
