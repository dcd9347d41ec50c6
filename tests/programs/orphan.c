/* orphan: the parent exits first; its child is adopted and exits later. */
#include <stdio.h>
#include <unistd.h>

int
main (void)
{
  pid_t child = fork ();

  if (child == 0)
    {
      usleep (300000); /* outlive the parent */
      printf ("orphan %d now has parent %d\n", getpid (), getppid ());
      return 0;
    }
  printf ("child=%d\n", child);
  return 0;
}
