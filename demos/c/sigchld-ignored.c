/*
 * sigchld-ignored: a parent that sets SIGCHLD to SIG_IGN tells the kernel
 * it will never wait(): its children are released the moment they exit
 * and never become zombies, although it waits for none of them.
 */
#include <signal.h>
#include <stdlib.h>

#include "demo-util.h"

int
main (void)
{
  say ("parent: signal(SIGCHLD, SIG_IGN): my children are reaped automatically");
  say ("父进程: 忽略 SIGCHLD 信号, 子进程退出时由内核自动回收, 不会变成僵尸");
  signal (SIGCHLD, SIG_IGN);
  for (int i = 0; i < 3; i++)
    {
      pid_t pid = fork ();

      if (pid == 0)
        {
          name_self ("ignored-child");
          sleep_ms (200 + 200 * i);
          say ("child: exiting; nobody will wait for me, and I will not be a zombie");
          _exit (0);
        }
    }
  sleep_ms (1500);
  say ("parent: I never called wait(), yet no zombie is left");
  return 0;
}
