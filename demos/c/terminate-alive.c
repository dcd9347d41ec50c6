/*
 * terminate-alive: Process.terminate() and is_alive() in C.  The parent
 * asks whether the child is alive (waitpid with WNOHANG), terminates it
 * with SIGTERM, and asks again once it has been reaped.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "demo-util.h"

static int
is_alive (pid_t pid, int *status)
{
  return waitpid (pid, status, WNOHANG) == 0;
}

int
main (void)
{
  int status = 0;
  pid_t pid;

  say ("parent: start a worker, check is_alive(), terminate() it, check again");
  say ("父进程: 启动子进程, 用 is_alive() 查看它是否存活, 用 terminate() (SIGTERM) 终止它");
  pid = fork ();
  if (pid == 0)
    {
      name_self ("worker");
      say ("worker: looping forever");
      for (;;)
        sleep_ms (100);
    }
  sleep_ms (1500);
  say ("parent: is_alive() -> %s", is_alive (pid, &status) ? "True" : "False");
  say ("parent: terminate(): kill(%d, SIGTERM)", (int) pid);
  kill (pid, SIGTERM);
  waitpid (pid, &status, 0);
  say ("parent: join() returned; exitcode = -%d (%s)", WTERMSIG (status), strsignal (WTERMSIG (status)));
  say ("parent: is_alive() -> %s", kill (pid, 0) == 0 ? "True" : "False");
  return 0;
}
