/*
 * process-states: the five states a process can be in, each on purpose
 * in its own child, about one second each:
 *   R  running      - a child that computes (keeps a cpu busy)
 *   S  sleeping     - a child in sleep(), interruptible
 *   D  disk sleep   - the parent of a vfork() child waits uninterruptibly
 *                     until the child exits (ps shows it as D)
 *   T  stopped      - a child that stops itself with SIGSTOP until the
 *                     parent sends SIGCONT
 *   Z  zombie       - a child that has exited but is not waited for yet
 */
#include <signal.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "demo-util.h"

static pid_t
start_child (const char *name, void (*body) (void))
{
  pid_t pid = fork ();

  if (pid == 0)
    {
      name_self (name);
      body ();
      _exit (0);
    }
  return pid;
}

static void
be_running (void)
{
  say ("R: computing for 1 s (state R, running)");
  spin_ms (1000);
}

static void
be_sleeping (void)
{
  say ("S: sleeping for 1 s (state S, interruptible sleep)");
  sleep_ms (1000);
}

static void
be_stopped (void)
{
  say ("T: stopping myself with SIGSTOP (state T) until my parent sends SIGCONT");
  raise (SIGSTOP);
  say ("T: continued");
}

static void
be_disk (void)
{
  pid_t pid;

  say ("D: vfork(): I wait uninterruptibly (state D) until my vfork child exits in 1 s");
  pid = vfork ();
  if (pid == 0)
    {
      /* A vfork child borrows its parent's memory: only raw syscalls
       * until _exit. */
      struct timespec one_second = { 1, 0 };

      syscall (SYS_nanosleep, &one_second, NULL);
      _exit (0);
    }
  waitpid (pid, NULL, 0);
  say ("D: my vfork child has exited, I run again");
}

static void
be_zombie (void)
{
  say ("Z: exiting now; my parent waits for me only 1 s later (state Z meanwhile)");
}

int
main (void)
{
  pid_t running, sleeping, stopped, disk, zombie;

  say ("parent: five children show the five process states R, S, D, T, Z");
  say ("父进程: 五个子进程分别展示 R 运行、S 睡眠、D 不可中断睡眠、T 停止、Z 僵尸 五种状态");
  running = start_child ("state-R", be_running);
  sleeping = start_child ("state-S", be_sleeping);
  disk = start_child ("state-D", be_disk);
  stopped = start_child ("state-T", be_stopped);
  zombie = start_child ("state-Z", be_zombie);

  /* Reap R, S and D as they end, so only state-Z stays a zombie; continue
   * T 1.5 s after it has really stopped; reap Z last. */
  waitpid (stopped, NULL, WUNTRACED);
  waitpid (running, NULL, 0);
  waitpid (sleeping, NULL, 0);
  waitpid (disk, NULL, 0);
  say ("parent: reaped R, S and D; T is still stopped, Z still a zombie");
  sleep_ms (500);
  say ("parent: sending SIGCONT to the stopped child %d", (int) stopped);
  kill (stopped, SIGCONT);
  waitpid (stopped, NULL, 0);
  waitpid (zombie, NULL, 0);
  say ("parent: reaped the zombie %d with waitpid()", (int) zombie);
  say ("parent: all five children ended");
  return 0;
}
