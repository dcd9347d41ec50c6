/*
 * fork-ids: fork() makes a copy of the running process.  The parent
 * starts three children; each prints its own pid and its parent's pid
 * (ppid), works a moment and ends; the parent waits for all three.
 */
#include <stdlib.h>
#include <sys/wait.h>

#include "demo-util.h"

int
main (void)
{
  pid_t children[3];

  say ("parent: my pid is %d, my parent (the shell, or weft) is %d", (int) getpid (), (int) getppid ());
  say ("父进程: 用 fork() 创建三个子进程, 每个子进程打印自己的 pid 和 ppid");
  for (int i = 0; i < 3; i++)
    {
      pid_t pid = fork ();

      if (pid < 0)
        {
          perror ("fork");
          return 1;
        }
      if (pid == 0)
        {
          name_self ("fork-child");
          say ("child %d: fork() returned 0 here; my pid is %d, my ppid is %d", i + 1, (int) getpid (),
               (int) getppid ());
          sleep_ms (400 + 300 * i);
          say ("child %d: done", i + 1);
          _exit (0);
        }
      children[i] = pid;
      say ("parent: fork() returned %d, the pid of child %d", (int) pid, i + 1);
    }
  for (int i = 0; i < 3; i++)
    {
      int status;

      waitpid (children[i], &status, 0);
      say ("parent: child %d (pid %d) has ended", i + 1, (int) children[i]);
    }
  say ("parent: all children ended; in the trace the three children hang under me");
  return 0;
}
