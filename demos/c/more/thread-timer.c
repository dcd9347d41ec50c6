/* thread-timer: threading.Timer in C.  A timer is a thread that waits
 * (a timed condition wait) and then runs a function, unless it is
 * cancelled first.  `hello_timer` fires after 1 s; `cancelled_timer`
 * would fire after 2 s but main cancels it at 0.5 s. */
#include "demo-util.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <time.h>

typedef struct {
  const char *name;
  unsigned delay_ms;
  pthread_mutex_t mutex;
  pthread_cond_t cancel_signal;
  bool cancelled;
  pthread_t thread;
} Timer;

Timer hello_timer = { "hello-timer", 1000, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER };
Timer cancelled_timer = { "cancel-timer", 2000, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER };

static void *
timer_thread (void *arg)
{
  Timer *timer = arg;
  struct timespec deadline;
  bool fire;

  demo_name_thread ("%s", timer->name);
  clock_gettime (CLOCK_REALTIME, &deadline);
  deadline.tv_sec += timer->delay_ms / 1000;
  deadline.tv_nsec += (long) (timer->delay_ms % 1000) * 1000000L;
  if (deadline.tv_nsec >= 1000000000L)
    deadline.tv_sec++, deadline.tv_nsec -= 1000000000L;

  pthread_mutex_lock (&timer->mutex);
  while (!timer->cancelled)
    if (pthread_cond_timedwait (&timer->cancel_signal, &timer->mutex, &deadline) == ETIMEDOUT)
      break;
  fire = !timer->cancelled;
  pthread_mutex_unlock (&timer->mutex);

  if (fire)
    demo_say ("%s: %u ms passed, hello, world!", timer->name, timer->delay_ms);
  else
    demo_say ("%s: cancelled, the function never runs", timer->name);
  return NULL;
}

static void
timer_start (Timer *timer)
{
  pthread_create (&timer->thread, NULL, timer_thread, timer);
}

static void
timer_cancel (Timer *timer)
{
  pthread_mutex_lock (&timer->mutex);
  timer->cancelled = true;
  pthread_cond_signal (&timer->cancel_signal);
  pthread_mutex_unlock (&timer->mutex);
}

int
main (void)
{
  demo_name_thread ("main");
  demo_say ("main: hello-timer fires in 1 s; cancel-timer would fire in 2 s");
  timer_start (&hello_timer);
  timer_start (&cancelled_timer);
  demo_sleep_ms (500);
  demo_say ("main: cancel-timer.cancel()");
  timer_cancel (&cancelled_timer);
  pthread_join (hello_timer.thread, NULL);
  pthread_join (cancelled_timer.thread, NULL);
  demo_say ("main: done");
  return 0;
}
