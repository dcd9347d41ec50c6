/* thread-daemon: a daemon thread dies with its process.  The main thread
 * starts a "heartbeat" thread that it never joins (detached, like
 * threading.Thread(daemon=True)) and a "worker" that it does join.  When
 * the worker is done, main returns; the process ends and the heartbeat
 * thread ends with it, in the middle of its endless loop. */
#include "demo-util.h"

#include <pthread.h>

static void *
heartbeat (void *arg)
{
  demo_name_thread ("daemon-beat");
  for (int beat = 1;; beat++)
    {
      demo_say ("daemon-beat: beat %d (this loop never ends by itself)", beat);
      demo_sleep_ms (250);
    }
  return NULL;
}

static void *
worker (void *arg)
{
  demo_name_thread ("worker");
  demo_say ("worker: working for 2 s");
  demo_sleep_ms (2000);
  demo_say ("worker: done");
  return NULL;
}

int
main (void)
{
  pthread_t daemon_thread, worker_thread;
  pthread_attr_t detached;

  demo_name_thread ("main");
  pthread_attr_init (&detached);
  pthread_attr_setdetachstate (&detached, PTHREAD_CREATE_DETACHED);
  pthread_create (&daemon_thread, &detached, heartbeat, NULL);
  pthread_create (&worker_thread, NULL, worker, NULL);
  demo_say ("main: started daemon-beat (never joined) and worker (joined)");
  pthread_join (worker_thread, NULL);
  demo_say ("main: worker joined; returning from main ends daemon-beat too");
  return 0;
}
