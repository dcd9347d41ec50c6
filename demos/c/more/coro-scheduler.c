/* coro-scheduler: coroutines in C.  One thread runs six tasks, each with
 * its own stack (ucontext).  A task never blocks the thread: co_sleep()
 * and co_read() only note what the task waits for and switch back to the
 * scheduler, which runs another ready task.  When no task is ready, the
 * scheduler blocks in ONE epoll_wait (with the nearest sleep as timeout),
 * like gevent's hub or asyncio's event loop.  The timeline shows a single
 * thread that waits only in epoll while six tasks make progress. */
#include "demo-util.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#define MAX_TASKS 8
#define STACK_SIZE (64 * 1024)
#define MESSAGES 5

typedef enum { READY, SLEEPING, WAITING_FD, DONE } TaskState;

typedef struct {
  char name[16];
  ucontext_t context;
  TaskState state;
  long wake_at_ms;
  int fd;
  void (*body) (int arg);
  int arg;
} Task;

static Task tasks[MAX_TASKS];
static int n_tasks, current;
static ucontext_t scheduler_context;
static int epoll_fd;
static long switches;

static void
co_yield_to_scheduler (void)
{
  switches++;
  swapcontext (&tasks[current].context, &scheduler_context);
}

static void
co_sleep (long ms)
{
  tasks[current].state = SLEEPING;
  tasks[current].wake_at_ms = demo_elapsed_ms () + ms;
  co_yield_to_scheduler ();
}

static ssize_t
co_read (int fd, void *buf, size_t len)
{
  struct epoll_event watch = { .events = EPOLLIN, .data.u32 = current };

  epoll_ctl (epoll_fd, EPOLL_CTL_ADD, fd, &watch);
  tasks[current].state = WAITING_FD;
  tasks[current].fd = fd;
  co_yield_to_scheduler (); /* back here once fd is readable */
  epoll_ctl (epoll_fd, EPOLL_CTL_DEL, fd, NULL);
  return read (fd, buf, len);
}

static void
task_trampoline (unsigned int index)
{
  tasks[index].body (tasks[index].arg);
  tasks[index].state = DONE;
  /* Returning resumes uc_link: the scheduler. */
}

static void
co_spawn (const char *name, void (*body) (int), int arg)
{
  Task *task = &tasks[n_tasks];

  snprintf (task->name, sizeof task->name, "%s", name);
  task->body = body;
  task->arg = arg;
  task->state = READY;
  getcontext (&task->context);
  task->context.uc_stack.ss_sp = malloc (STACK_SIZE);
  task->context.uc_stack.ss_size = STACK_SIZE;
  task->context.uc_link = &scheduler_context;
  makecontext (&task->context, (void (*) (void)) task_trampoline, 1, (unsigned int) n_tasks);
  n_tasks++;
}

/* Milliseconds until the earliest sleeper wakes, -1 if nobody sleeps. */
static int
next_timeout_ms (void)
{
  long now = demo_elapsed_ms (), best = -1;

  for (int i = 0; i < n_tasks; i++)
    if (tasks[i].state == SLEEPING)
      {
        long left = tasks[i].wake_at_ms > now ? tasks[i].wake_at_ms - now : 0;
        best = best < 0 || left < best ? left : best;
      }
  return (int) best;
}

static void
co_run (void)
{
  for (;;)
    {
      bool any_ready = false, any_alive = false;
      long now;

      for (current = 0; current < n_tasks; current++)
        if (tasks[current].state == READY)
          {
            any_ready = true;
            swapcontext (&scheduler_context, &tasks[current].context);
          }
      for (int i = 0; i < n_tasks; i++)
        any_alive |= tasks[i].state != DONE;
      if (!any_alive)
        return;
      if (!any_ready || next_timeout_ms () != 0)
        {
          /* Nothing to run: the thread's one and only blocking point. */
          struct epoll_event ready[MAX_TASKS];
          int n = epoll_wait (epoll_fd, ready, MAX_TASKS, next_timeout_ms ());
          for (int i = 0; i < n; i++)
            tasks[ready[i].data.u32].state = READY;
        }
      now = demo_elapsed_ms ();
      for (int i = 0; i < n_tasks; i++)
        if (tasks[i].state == SLEEPING && tasks[i].wake_at_ms <= now)
          tasks[i].state = READY;
    }
}

/* --- the tasks --- */

static int message_pipe[2];

static void
downloader (int number)
{
  for (int part = 1; part <= 3; part++)
    {
      printf ("%.2fs  downloader-%d: waiting for part %d (co_sleep %d ms)\n",
              demo_elapsed_ms () / 1000.0, number, part, 300 * number);
      fflush (stdout);
      co_sleep (300 * number);
    }
  demo_say ("%.2fs  downloader-%d: done", demo_elapsed_ms () / 1000.0, number);
}

static void
producer (int unused)
{
  for (int i = 1; i <= MESSAGES; i++)
    {
      char message[32];
      int len = snprintf (message, sizeof message, "item %d", i);
      co_sleep (250);
      demo_say ("%.2fs  producer: writes '%s' to the pipe", demo_elapsed_ms () / 1000.0, message);
      if (write (message_pipe[1], message, len) != len)
        abort ();
    }
  close (message_pipe[1]);
}

static void
consumer (int unused)
{
  char buf[64];
  ssize_t got;

  while ((got = co_read (message_pipe[0], buf, sizeof buf - 1)) > 0)
    {
      buf[got] = '\0';
      demo_say ("%.2fs  consumer: read '%s'", demo_elapsed_ms () / 1000.0, buf);
    }
  demo_say ("%.2fs  consumer: the pipe is closed", demo_elapsed_ms () / 1000.0);
}

static void
ticker (int unused)
{
  for (int i = 1; i <= 8; i++)
    {
      co_sleep (200);
      demo_say ("%.2fs  ticker: tick %d", demo_elapsed_ms () / 1000.0, i);
    }
}

int
main (void)
{
  demo_name_thread ("scheduler");
  demo_elapsed_ms ();
  epoll_fd = epoll_create1 (0);
  if (pipe (message_pipe) < 0)
    return 2;
  co_spawn ("downloader-1", downloader, 1);
  co_spawn ("downloader-2", downloader, 2);
  co_spawn ("downloader-3", downloader, 3);
  co_spawn ("producer", producer, 0);
  co_spawn ("consumer", consumer, 0);
  co_spawn ("ticker", ticker, 0);
  demo_say ("scheduler: %d tasks, one thread; it blocks only in epoll_wait", n_tasks);
  co_run ();
  demo_say ("scheduler: all tasks done after %.2f s and %ld task switches, all in one thread",
            demo_elapsed_ms () / 1000.0, switches);
  return 0;
}
