/*
 * exit-kinds: the ways a process ends, one child each, and what the
 * parent learns from wait():
 *   - returning normally (exit code 0)
 *   - exit(3), an error code
 *   - a fatal signal: it touches memory it does not have (SIGSEGV, 11)
 *   - killed by another process: the parent sends it SIGKILL (9)
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "demo-util.h"

static void
describe (const char *who, int status)
{
  if (WIFEXITED (status))
    say ("parent: %s exited with code %d", who, WEXITSTATUS (status));
  else if (WIFSIGNALED (status))
    say ("parent: %s was killed by signal %d (%s)", who, WTERMSIG (status), strsignal (WTERMSIG (status)));
}

static pid_t
child (const char *name)
{
  pid_t pid = fork ();

  if (pid == 0)
    name_self (name);
  return pid;
}

int
main (void)
{
  pid_t normal, error, segv, killed;
  int status;

  say ("parent: four children end in four ways; I wait for each and tell how it ended");
  say ("父进程: 四个子进程以四种方式结束: 正常退出、错误码退出、致命信号 SIGSEGV、被其他进程杀死");
  if ((normal = child ("exit-normal")) == 0)
    {
      say ("child: I finish my work and return 0");
      sleep_ms (300);
      exit (0);
    }
  if ((error = child ("exit-error")) == 0)
    {
      say ("child: something went wrong, I call exit(3)");
      sleep_ms (600);
      exit (3);
    }
  if ((segv = child ("exit-segv")) == 0)
    {
      volatile int *nowhere = NULL;

      say ("child: I write through a NULL pointer; the kernel sends me SIGSEGV");
      sleep_ms (900);
      signal (SIGSEGV, SIG_DFL);
      *nowhere = 42;
      _exit (99); /* never reached */
    }
  if ((killed = child ("exit-killed")) == 0)
    {
      say ("child: I sleep until someone kills me");
      for (;;)
        pause ();
    }

  waitpid (normal, &status, 0);
  describe ("the normal child", status);
  waitpid (error, &status, 0);
  describe ("the failing child", status);
  waitpid (segv, &status, 0);
  describe ("the crashing child", status);
  sleep_ms (300);
  say ("parent: sending SIGKILL to child %d", (int) killed);
  kill (killed, SIGKILL);
  waitpid (killed, &status, 0);
  describe ("the sleeping child", status);
  return 0;
}
