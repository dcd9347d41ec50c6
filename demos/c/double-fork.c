/*
 * double-fork: how a daemon leaves its starter without ever becoming
 * its zombie.  The parent forks a child; the child forks the real worker
 * (the grandchild) and exits at once; the parent reaps the child
 * immediately.  The grandchild is an orphan adopted by init, which reaps
 * it when it ends: the parent never has to wait for it.
 */
#include <stdlib.h>
#include <sys/wait.h>

#include "demo-util.h"

int
main (void)
{
  pid_t child;
  int status;

  say ("parent: fork twice so the worker is not my child");
  say ("父进程: 两次 fork, 孙进程被 init 收养, 父进程不必等待它, 也不会产生僵尸");
  child = fork ();
  if (child == 0)
    {
      pid_t grandchild;

      name_self ("first-child");
      grandchild = fork ();
      if (grandchild == 0)
        {
          name_self ("daemon-worker");
          sleep_ms (300);
          say ("grandchild: my parent has exited; init (or a subreaper) %d adopted me", (int) getppid ());
          sleep_ms (1200);
          say ("grandchild: work done, exiting; my adopter reaps me");
          _exit (0);
        }
      say ("child: started the worker %d and exit at once", (int) grandchild);
      _exit (0);
    }
  waitpid (child, &status, 0);
  say ("parent: reaped the first child %d right away; I do not wait for the worker", (int) child);
  sleep_ms (500);
  say ("parent: exiting; the worker lives on without me");
  return 0;
}
