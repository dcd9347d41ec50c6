/*
 * daemon-children: like multiprocessing's daemon=True, these children
 * live only as long as their parent.  Each asks the kernel
 * (prctl PR_SET_PDEATHSIG) for SIGTERM when its parent dies; the parent
 * exits after 1 s and both are killed by that SIGTERM.
 */
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>

#include "demo-util.h"

int
main (void)
{
  pid_t parent = getpid ();

  say ("parent: two daemon children that end when I end");
  say ("父进程: 两个守护子进程, 父进程结束时它们被 SIGTERM 一起终止");
  for (int i = 0; i < 2; i++)
    {
      pid_t pid = fork ();

      if (pid == 0)
        {
          name_self ("daemon-child");
          prctl (PR_SET_PDEATHSIG, SIGTERM);
          if (getppid () != parent) /* the parent died before the prctl */
            _exit (1);
          say ("daemon child: working forever, until my parent ends");
          for (;;)
            pause ();
        }
    }
  sleep_ms (1000);
  say ("parent: exiting now; the kernel sends SIGTERM to my daemon children");
  return 0;
}
