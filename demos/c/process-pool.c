/*
 * process-pool: a pool of three worker processes, the way
 * multiprocessing.Pool works inside.  Tasks go to the workers through one
 * pipe, results come back through another.  The parent uses the pool
 * four ways:
 *   apply        submit one task and wait for its result (synchronous)
 *   apply_async  submit six tasks at once; a callback prints each result
 *                as it arrives (asynchronous)
 *   map          submit a list and collect the results in list order
 *   close/join   no more tasks (the workers read end-of-file and exit),
 *                then wait for the workers
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "demo-util.h"

#define N_WORKERS 3

typedef struct {
  int32_t id;
  int32_t value;
} Message;

static int task_pipe[2], result_pipe[2];

static void
write_all (int fd, const void *data, size_t len)
{
  while (write (fd, data, len) < 0 && errno == EINTR)
    ;
}

static int
read_message (int fd, Message *m)
{
  ssize_t n;

  do
    n = read (fd, m, sizeof *m);
  while (n < 0 && errno == EINTR);
  return n == sizeof *m;
}

static void
worker (int number)
{
  Message task, result;

  name_self ("pool-worker");
  close (task_pipe[1]);
  close (result_pipe[0]);
  while (read_message (task_pipe[0], &task))
    {
      spin_ms (150); /* the work: square a number, slowly */
      result.id = task.id;
      result.value = task.value * task.value;
      say ("worker %d: task %d: %d * %d = %d", number, task.id, task.value, task.value, result.value);
      write_all (result_pipe[1], &result, sizeof result);
    }
  say ("worker %d: the task pipe is closed, exiting", number);
  _exit (0);
}

static void
submit (int id, int value)
{
  Message task = { id, value };

  write_all (task_pipe[1], &task, sizeof task);
}

static Message
next_result (void)
{
  Message result = { -1, 0 };

  if (!read_message (result_pipe[0], &result))
    say ("parent: the result pipe closed early");
  return result;
}

static void
callback (Message result)
{
  say ("parent: callback: task %d gave %d", result.id, result.value);
}

int
main (void)
{
  pid_t workers[N_WORKERS];
  int id = 0, mapped[5];

  say ("parent: a pool of %d worker processes fed through a pipe", N_WORKERS);
  say ("父进程: 进程池 -- apply 同步提交, apply_async 异步提交加回调, map, close 和 join");
  if (pipe (task_pipe) < 0 || pipe (result_pipe) < 0)
    return 1;
  for (int i = 0; i < N_WORKERS; i++)
    if ((workers[i] = fork ()) == 0)
      worker (i + 1);
  close (task_pipe[0]);
  close (result_pipe[1]);

  say ("parent: apply(square, 7): submit and wait");
  submit (++id, 7);
  say ("parent: apply returned %d", next_result ().value);

  say ("parent: apply_async x6: submit them all, go on, the callback prints results");
  for (int i = 1; i <= 6; i++)
    submit (++id, 10 + i);
  for (int i = 0; i < 6; i++)
    callback (next_result ());

  say ("parent: map(square, [1, 2, 3, 4, 5])");
  for (int i = 0; i < 5; i++)
    submit (100 + i, i + 1);
  for (int i = 0; i < 5; i++)
    {
      Message r = next_result ();
      mapped[r.id - 100] = r.value;
    }
  say ("parent: map returned [%d, %d, %d, %d, %d]", mapped[0], mapped[1], mapped[2], mapped[3], mapped[4]);

  say ("parent: close(): no more tasks; join(): wait for the workers");
  close (task_pipe[1]);
  for (int i = 0; i < N_WORKERS; i++)
    waitpid (workers[i], NULL, 0);
  say ("parent: the pool is closed and joined");
  return 0;
}
