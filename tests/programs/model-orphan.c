/* model-orphan: the parent exits while its child still sleeps for 200 ms;
 * the orphan is adopted (by init) and outlives the traced command.
 * Prints the child's pid. */
#include <stdio.h>
#include <unistd.h>

int
main (void)
{
  pid_t child = fork ();

  if (child == 0)
    {
      usleep (200 * 1000);
      _exit (0);
    }
  printf ("child %d\n", (int) child);
  fflush (stdout);
  return 0;
}
