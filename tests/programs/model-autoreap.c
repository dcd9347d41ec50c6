/* model-autoreap: SIGCHLD is ignored, so the exiting child is released at
 * once and never becomes a zombie.  Prints the child's pid. */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

int
main (void)
{
  pid_t child;

  signal (SIGCHLD, SIG_IGN);
  child = fork ();
  if (child == 0)
    _exit (0);
  printf ("child %d\n", (int) child);
  fflush (stdout);
  usleep (200 * 1000);
  return 0;
}
