/* thread-create: the main thread starts four worker threads and joins
 * them.  Each worker "works" (sleeps) a different time, so the timeline
 * shows the main thread waiting in join while the workers finish one by
 * one.  Mirrors threading.Thread(target=...).start() / .join(). */
#include "demo-util.h"

#include <pthread.h>
#include <stdint.h>

#define WORKERS 4

static void *
worker (void *arg)
{
  int number = (int) (intptr_t) arg;

  demo_name_thread ("worker-%d", number);
  demo_say ("worker-%d: started, working for %d ms", number, 400 * number);
  demo_sleep_ms (400 * number);
  demo_say ("worker-%d: done", number);
  return NULL;
}

int
main (void)
{
  pthread_t threads[WORKERS];

  demo_name_thread ("main");
  demo_say ("main: starting %d worker threads", WORKERS);
  for (int i = 0; i < WORKERS; i++)
    pthread_create (&threads[i], NULL, worker, (void *) (intptr_t) (i + 1));
  demo_say ("main: all started; now join() waits for each of them");
  for (int i = 0; i < WORKERS; i++)
    {
      pthread_join (threads[i], NULL);
      demo_say ("main: joined worker-%d", i + 1);
    }
  demo_say ("main: every worker has finished, the process ends");
  return 0;
}
