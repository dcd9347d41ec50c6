/* thread-globals: threads of one process share its global variables.
 * A writer thread changes the global `shared_number` every 300 ms; two
 * reader threads see each change without any copying (a child process
 * would not: its memory is a copy).  Mirrors the tutorial's
 * "同一进程内的多个线程数据是共享的". */
#include "demo-util.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#define CHANGES 6

atomic_int shared_number = 100;

static void *
writer (void *arg)
{
  demo_name_thread ("writer");
  for (int i = 1; i <= CHANGES; i++)
    {
      demo_sleep_ms (300);
      atomic_store (&shared_number, 100 + i);
      demo_say ("writer: set shared_number = %d", 100 + i);
    }
  return NULL;
}

static void *
reader (void *arg)
{
  int number = (int) (intptr_t) arg;
  int last = -1;

  demo_name_thread ("reader-%d", number);
  while (last != 100 + CHANGES)
    {
      int now = atomic_load (&shared_number);
      if (now != last)
        demo_say ("reader-%d: sees shared_number = %d", number, now);
      last = now;
      demo_sleep_ms (50);
    }
  return NULL;
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
