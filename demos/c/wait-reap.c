/*
 * wait-reap: wait() blocks the parent until one of its children ends,
 * reaps it (no zombie is left) and hands over its exit code.  Three
 * children need 0.5, 1 and 1.5 s; the parent reaps them in the order
 * they finish.
 */
#include <stdlib.h>
#include <sys/wait.h>

#include "demo-util.h"

int
main (void)
{
  say ("parent: three workers need 0.5, 1 and 1.5 s; wait() returns each as it ends");
  say ("父进程: 三个子进程分别运行 0.5、1、1.5 秒, 父进程用 wait() 依次回收它们, 不留僵尸");
  for (int i = 2; i >= 0; i--)
    {
      pid_t pid = fork ();

      if (pid == 0)
        {
          name_self ("worker");
          sleep_ms (500 * (i + 1));
          say ("worker: finished after %d ms, exiting with code %d", 500 * (i + 1), 10 + i);
          _exit (10 + i);
        }
      say ("parent: started worker %d", (int) pid);
    }
  for (int reaped = 0; reaped < 3; reaped++)
    {
      int status;
      pid_t pid = wait (&status);

      say ("parent: wait() returned worker %d, exit code %d", (int) pid, WEXITSTATUS (status));
    }
  say ("parent: every child reaped");
  return 0;
}
