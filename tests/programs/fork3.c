/* fork3: three children end three ways — exit 3, killed by SIGTERM, and
 * one that exits at once but is reaped only a second later (a zombie). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int
main (void)
{
  pid_t exits3, killed, late;
  int status;

  exits3 = fork ();
  if (exits3 == 0)
    _exit (3);
  killed = fork ();
  if (killed == 0)
    {
      pause ();
      _exit (0);
    }
  late = fork ();
  if (late == 0)
    _exit (0);

  waitpid (exits3, &status, 0);
  kill (killed, SIGTERM);
  waitpid (killed, &status, 0);
  sleep (1); /* `late` is a zombie all this time */
  waitpid (late, &status, 0);
  printf ("exits3=%d killed=%d late=%d\n", exits3, killed, late);
  return 0;
}
