/* thread-event: an Event made of a mutex, a condition variable and a
 * flag, like threading.Event.  Three "car" threads wait() for
 * `green_light`; the "traffic-light" thread set()s it after 1.5 s and all
 * three drive at once. */
#include "demo-util.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#define CARS 3

typedef struct {
  pthread_mutex_t mutex;
  pthread_cond_t changed;
  bool is_set;
} Event;

Event green_light = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false };

static void
event_wait (Event *event)
{
  pthread_mutex_lock (&event->mutex);
  while (!event->is_set)
    pthread_cond_wait (&event->changed, &event->mutex);
  pthread_mutex_unlock (&event->mutex);
}

static void
event_set (Event *event)
{
  pthread_mutex_lock (&event->mutex);
  event->is_set = true;
  pthread_cond_broadcast (&event->changed);
  pthread_mutex_unlock (&event->mutex);
}

static void *
car (void *arg)
{
  int number = (int) (intptr_t) arg;

  demo_name_thread ("car-%d", number);
  demo_say ("car-%d: red light, waiting for green_light", number);
  event_wait (&green_light);
  demo_say ("car-%d: green, drives on", number);
  return NULL;
}

static void *
traffic_light (void *arg)
{
  demo_name_thread ("traffic-light");
  demo_sleep_ms (1500);
  demo_say ("traffic-light: green_light.set()");
  event_set (&green_light);
  return NULL;
}

int
main (void)
{
  pthread_t cars[CARS], light;

  demo_name_thread ("main");
  for (int i = 0; i < CARS; i++)
    pthread_create (&cars[i], NULL, car, (void *) (intptr_t) (i + 1));
  pthread_create (&light, NULL, traffic_light, NULL);
  pthread_join (light, NULL);
  for (int i = 0; i < CARS; i++)
    pthread_join (cars[i], NULL);
  demo_say ("main: all cars passed");
  return 0;
}
