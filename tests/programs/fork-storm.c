/* fork-storm N: forks N children one at a time, each exits at once and is
 * waited for.  The benchmark workload for the lifecycle recorder. */
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int
main (int argc, char **argv)
{
  int n = argc > 1 ? atoi (argv[1]) : 1000;

  for (int i = 0; i < n; i++)
    {
      pid_t pid = fork ();
      int status;

      if (pid == 0)
        _exit (0);
      waitpid (pid, &status, 0);
    }
  return 0;
}
