/* model-zombie: the child exits at once with code 3; the parent sleeps
 * 300 ms before waiting, so the child is a zombie meanwhile.  Prints the
 * child's pid. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int
main (void)
{
  int status;
  pid_t child = fork ();

  if (child == 0)
    _exit (3);
  printf ("child %d\n", (int) child);
  fflush (stdout);
  usleep (300 * 1000);
  waitpid (child, &status, 0);
  return 0;
}
