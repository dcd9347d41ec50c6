/*
 * shm-counter: a counter and an array in shared memory (mmap MAP_SHARED),
 * seen by two processes -- unlike ordinary variables after fork().
 * Without a lock, both read the counter, work, and write back their
 * result: updates are lost (5 instead of 10).  With a process-shared
 * mutex around read-work-write, each waits for the other and the total
 * is right (10).
 */
#include <pthread.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "demo-util.h"

typedef struct {
  long counter;
  int slots[2];        /* the array: one slot written by each child */
  pthread_mutex_t lock;
} Shared;

static void
add_five (Shared *shared, int child, int with_lock)
{
  for (int i = 0; i < 5; i++)
    {
      long seen;

      if (with_lock)
        pthread_mutex_lock (&shared->lock);
      seen = shared->counter;
      sleep_ms (60); /* the work between reading and writing: a race window */
      shared->counter = seen + 1;
      shared->slots[child] += 1;
      if (with_lock)
        pthread_mutex_unlock (&shared->lock);
      sleep_ms (5);
    }
}

static long
run_children (Shared *shared, int with_lock)
{
  pid_t pids[2];

  shared->counter = 0;
  shared->slots[0] = shared->slots[1] = 0;
  for (int c = 0; c < 2; c++)
    if ((pids[c] = fork ()) == 0)
      {
        name_self (with_lock ? "adder-locked" : "adder-racing");
        add_five (shared, c, with_lock);
        _exit (0);
      }
  for (int c = 0; c < 2; c++)
    waitpid (pids[c], NULL, 0);
  return shared->counter;
}

int
main (void)
{
  Shared *shared = mmap (NULL, sizeof *shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  pthread_mutexattr_t attr;
  long total;

  if (shared == MAP_FAILED)
    return 1;
  pthread_mutexattr_init (&attr);
  pthread_mutexattr_setpshared (&attr, PTHREAD_PROCESS_SHARED);
  pthread_mutex_init (&shared->lock, &attr);

  say ("parent: two children each add 1 to a shared counter five times");
  say ("父进程: 共享内存中的计数器和数组 -- 不加锁时更新会丢失, 加锁后结果正确");
  total = run_children (shared, 0);
  say ("parent: without a lock: counter = %ld (wanted 10), array = [%d, %d]", total, shared->slots[0],
       shared->slots[1]);
  total = run_children (shared, 1);
  say ("parent: with a lock:    counter = %ld (wanted 10), array = [%d, %d]", total, shared->slots[0],
       shared->slots[1]);
  return 0;
}
