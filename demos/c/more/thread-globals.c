/* thread-globals: threads of one process share its global variables.
 * A writer thread changes the global `shared_number` every 300 ms; two
 * reader threads see each change without any copying (a child process
 * would not: its memory is a copy).  Mirrors the tutorial's
 * "同一进程内的多个线程数据是共享的".
 *
 * The readers wait on the variable itself: futex(FUTEX_WAIT) on
 * &shared_number sleeps while it still holds the value they last saw,
 * and the writer's FUTEX_WAKE on the same address wakes them.  One
 * address, used by three threads: the timeline shows both readers waiting
 * on shared_number and the writer waking them after each change. */
#include "demo-util.h"

#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

#define CHANGES 6

atomic_int shared_number = 100;

static void
wait_while_unchanged (int seen)
{
  /* Returns at once when shared_number is no longer `seen`. */
  syscall (SYS_futex, &shared_number, FUTEX_WAIT_PRIVATE, seen, NULL, NULL, 0);
}

static void
wake_readers (void)
{
  syscall (SYS_futex, &shared_number, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
}

static void *
writer (void *arg)
{
  demo_name_thread ("writer");
  for (int i = 1; i <= CHANGES; i++)
    {
      demo_sleep_ms (300);
      atomic_store (&shared_number, 100 + i);
      demo_say ("writer: set shared_number = %d", 100 + i);
      wake_readers ();
    }
  return NULL;
}

static void *
reader (void *arg)
{
  int number = (int) (intptr_t) arg;
  int last = -1;

  demo_name_thread ("reader-%d", number);
  for (;;)
    {
      int now = atomic_load (&shared_number);

      if (now != last)
        demo_say ("reader-%d: sees shared_number = %d", number, now);
      last = now;
      if (last == 100 + CHANGES)
        return NULL;
      wait_while_unchanged (now);
    }
}

int
main (void)
{
  pthread_t w, r1, r2;

  demo_name_thread ("main");
  demo_say ("main: shared_number = %d; one writer and two readers share it", shared_number);
  pthread_create (&r1, NULL, reader, (void *) 1);
  pthread_create (&r2, NULL, reader, (void *) 2);
  pthread_create (&w, NULL, writer, NULL);
  pthread_join (w, NULL);
  pthread_join (r1, NULL);
  pthread_join (r2, NULL);
  demo_say ("main: shared_number ends at %d: the threads' change is the main thread's too",
            shared_number);
  return 0;
}
