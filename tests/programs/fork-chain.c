/* fork-chain N [GAP_US]: a chain of N hops, each process forks the next and
 * exits at once (after GAP_US microseconds), as a double-forking daemon
 * does once.  The root exits first, so the rest of the chain lives on
 * under a reaper: a recorder that loses track of it ends early. */
#include <stdlib.h>
#include <unistd.h>

int
main (int argc, char **argv)
{
  int n = argc > 1 ? atoi (argv[1]) : 1000;
  int gap_us = argc > 2 ? atoi (argv[2]) : 0;

  for (int i = 0; i < n; i++)
    {
      pid_t pid = fork ();

      if (pid < 0)
        _exit (1);
      if (pid > 0)
        _exit (0);
      if (gap_us > 0)
        usleep (gap_us);
    }
  _exit (0);
}
