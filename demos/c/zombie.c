/*
 * zombie: a child that has exited but whose parent has not called wait()
 * yet stays in the process table as a zombie (state Z): it keeps its pid
 * and its exit status for the parent.  Here for 2 s.
 */
#include <stdlib.h>
#include <sys/wait.h>

#include "demo-util.h"

int
main (void)
{
  pid_t pid;
  int status;

  say ("parent: my child exits at once; I wait for it only 2 s later");
  say ("父进程: 子进程立即退出, 父进程 2 秒后才调用 wait(), 这期间子进程是僵尸进程 (Z)");
  pid = fork ();
  if (pid == 0)
    {
      name_self ("zombie-child");
      say ("child: exiting with code 7");
      _exit (7);
    }
  sleep_ms (2000);
  say ("parent: now calling waitpid(%d)", (int) pid);
  waitpid (pid, &status, 0);
  say ("parent: reaped it; it had exited with code %d, the zombie is gone", WEXITSTATUS (status));
  return 0;
}
