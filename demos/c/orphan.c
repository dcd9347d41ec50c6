/*
 * orphan: the parent exits while its child still runs.  The orphan is
 * adopted by init (or the nearest subreaper): its ppid changes, and it
 * is init that finally reaps it.
 */
#include <stdlib.h>

#include "demo-util.h"

int
main (void)
{
  pid_t pid;

  say ("parent: I start a child and exit at once, leaving it an orphan");
  say ("父进程: 创建子进程后立即退出, 子进程成为孤儿进程, 被 init 收养");
  pid = fork ();
  if (pid == 0)
    {
      name_self ("orphan");
      say ("child: my parent is %d", (int) getppid ());
      sleep_ms (1000);
      say ("child: my parent is gone; now my parent is %d (I was adopted)", (int) getppid ());
      sleep_ms (500);
      say ("child: done; my new parent will reap me");
      _exit (0);
    }
  sleep_ms (200);
  say ("parent: exiting now, child %d keeps running", (int) pid);
  return 0;
}
