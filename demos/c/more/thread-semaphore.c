/* thread-semaphore: a semaphore of 5 over 10 threads.  Ten cars want to
 * park, the garage (`parking_slots`, sem_init 5) has five places: five
 * cars park for 1 s at once, the other five wait in sem_wait until a
 * place frees.  Mirrors threading.Semaphore(5). */
#include "demo-util.h"

#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>

#define CARS 10
#define SLOTS 5

sem_t parking_slots;

static void *
car (void *arg)
{
  int number = (int) (intptr_t) arg;

  demo_name_thread ("car-%d", number);
  sem_wait (&parking_slots);
  demo_say ("car-%d: parked (at %ld ms)", number, demo_elapsed_ms ());
  demo_sleep_ms (1000);
  demo_say ("car-%d: leaves", number);
  sem_post (&parking_slots);
  return NULL;
}

int
main (void)
{
  pthread_t cars[CARS];

  demo_name_thread ("main");
  demo_elapsed_ms ();
  sem_init (&parking_slots, 0, SLOTS);
  demo_say ("main: %d cars, %d parking slots; the semaphore lets %d in at a time", CARS, SLOTS, SLOTS);
  for (int i = 0; i < CARS; i++)
    pthread_create (&cars[i], NULL, car, (void *) (intptr_t) (i + 1));
  for (int i = 0; i < CARS; i++)
    pthread_join (cars[i], NULL);
  demo_say ("main: every car has parked and left");
  return 0;
}
