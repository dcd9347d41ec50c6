/*
 * memory-isolation: after fork() parent and child each have their own
 * copy of every variable.  The child adds 100 to a global counter; the
 * parent's counter stays 0.  Each ends with its counter as exit code, so
 * the trace shows the two values: the child exits with 100, the parent 0.
 */
#include <stdlib.h>
#include <sys/wait.h>

#include "demo-util.h"

static int counter = 0;

int
main (void)
{
  pid_t pid;
  int status;

  say ("parent: counter = %d before fork()", counter);
  say ("父进程: 进程之间内存隔离, 子进程修改全局变量, 父进程的变量不变");
  pid = fork ();
  if (pid == 0)
    {
      name_self ("child");
      for (int i = 0; i < 100; i++)
        counter++;
      say ("child: counter = %d in my copy; I exit with it as my code", counter);
      sleep_ms (1500);
      exit (counter);
    }
  waitpid (pid, &status, 0);
  say ("parent: the child's counter was %d; mine is still %d", WEXITSTATUS (status), counter);
  return counter;
}
