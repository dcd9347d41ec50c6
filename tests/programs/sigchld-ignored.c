/* sigchld-ignored: with SIGCHLD ignored, children never become zombies. */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

int
main (void)
{
  signal (SIGCHLD, SIG_IGN);
  for (int i = 0; i < 3; i++)
    if (fork () == 0)
      _exit (i);
  usleep (300000);
  printf ("done\n");
  return 0;
}
