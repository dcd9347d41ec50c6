/* ticker SECONDS: forks a short-lived child every 20 ms for SECONDS. */
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int
main (int argc, char **argv)
{
  int ticks = (argc > 1 ? atoi (argv[1]) : 3) * 50;

  for (int i = 0; i < ticks; i++)
    {
      pid_t pid = fork ();

      if (pid == 0)
        _exit (0);
      waitpid (pid, NULL, 0);
      usleep (20000);
    }
  return 0;
}
