/*
 * sync-async: the same three tasks submitted two ways.  Synchronously,
 * each task is started and waited for before the next one (one at a
 * time, like p.start(); p.join() in a loop).  Asynchronously, all three
 * are started first and waited for afterwards: they run at once.
 */
#include <stdlib.h>
#include <sys/wait.h>

#include "demo-util.h"

static pid_t
start_task (int n)
{
  pid_t pid = fork ();

  if (pid == 0)
    {
      name_self ("task");
      say ("task %d: computing for 0.5 s", n);
      spin_ms (500);
      _exit (0);
    }
  return pid;
}

int
main (void)
{
  pid_t pids[3];

  say ("parent: synchronous: start a task, wait for it, then the next");
  say ("父进程: 同步提交任务: 一个接一个执行; 然后异步提交: 三个任务同时执行");
  for (int i = 0; i < 3; i++)
    waitpid (start_task (i + 1), NULL, 0);
  say ("parent: asynchronous: start all three, then wait for them");
  for (int i = 0; i < 3; i++)
    pids[i] = start_task (i + 4);
  for (int i = 0; i < 3; i++)
    waitpid (pids[i], NULL, 0);
  say ("parent: the synchronous tasks took turns; the asynchronous ones overlapped");
  return 0;
}
