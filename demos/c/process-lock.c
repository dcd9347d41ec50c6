/*
 * process-lock: three processes print and work for 0.5 s.  Without a
 * lock they run at once and their lines interleave; with a mutex shared
 * between the processes (in MAP_SHARED memory) they run one after
 * another: concurrency traded for order.
 */
#include <pthread.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "demo-util.h"

static void
work (pthread_mutex_t *lock)
{
  if (lock)
    pthread_mutex_lock (lock);
  say ("is running%s", lock ? " (holding the lock)" : "");
  sleep_ms (500);
  say ("is done");
  if (lock)
    pthread_mutex_unlock (lock);
}

static void
run_three (pthread_mutex_t *lock)
{
  pid_t pids[3];

  for (int i = 0; i < 3; i++)
    if ((pids[i] = fork ()) == 0)
      {
        name_self (lock ? "worker-locked" : "worker");
        work (lock);
        _exit (0);
      }
  for (int i = 0; i < 3; i++)
    waitpid (pids[i], NULL, 0);
}

int
main (void)
{
  pthread_mutex_t *lock = mmap (NULL, sizeof *lock, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  pthread_mutexattr_t attr;

  if (lock == MAP_FAILED)
    return 1;
  pthread_mutexattr_init (&attr);
  pthread_mutexattr_setpshared (&attr, PTHREAD_PROCESS_SHARED);
  pthread_mutex_init (lock, &attr);
  say ("parent: without a lock, three workers at once");
  say ("父进程: 进程同步 -- 不加锁时三个进程并发运行, 加锁后一个接一个运行");
  run_three (NULL);
  say ("parent: with a lock, one after another");
  run_three (lock);
  return 0;
}
