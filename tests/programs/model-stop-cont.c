/* model-stop-cont: two children stop themselves with SIGSTOP; the parent
 * sees each stop and each continue through wait (waitpid with WUNTRACED
 * and WCONTINUED and no status, as the process-states demo does; waitid
 * with WSTOPPED and WCONTINUED), lets them go on, and only then reaps
 * them (each exits with 4).  Prints "child PID" for each. */
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t
stopping_child (void)
{
  pid_t pid = fork ();

  if (pid == 0)
    {
      raise (SIGSTOP);
      usleep (100 * 1000);
      _exit (4);
    }
  printf ("child %d\n", (int) pid);
  fflush (stdout);
  return pid;
}

int
main (void)
{
  pid_t first = stopping_child ();
  pid_t second = stopping_child ();
  siginfo_t info;
  int status;

  waitpid (first, NULL, WUNTRACED);
  usleep (100 * 1000);
  kill (first, SIGCONT);
  waitpid (first, NULL, WCONTINUED);

  waitid (P_PID, second, &info, WSTOPPED);
  usleep (100 * 1000);
  kill (second, SIGCONT);
  waitid (P_PID, second, &info, WCONTINUED);

  usleep (300 * 1000);
  waitpid (first, &status, 0);
  waitid (P_PID, second, &info, WEXITED);
  return 0;
}
