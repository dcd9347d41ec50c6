/*
 * producer-consumer: a bounded queue of 3 slots in shared memory between
 * a producer process and a consumer process, with the classic three
 * semaphores: empty_slots (3), full_slots (0) and a mutex.  The producer
 * is fast and blocks on empty_slots when the queue is full; the consumer
 * is slow.
 */
#include <semaphore.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "demo-util.h"

#define SLOTS 3
#define ITEMS 10

typedef struct {
  sem_t empty_slots, full_slots, mutex;
  int items[SLOTS];
  int head, tail;
} BoundedQueue;

int
main (void)
{
  BoundedQueue *q = mmap (NULL, sizeof *q, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  pid_t producer, consumer;

  if (q == MAP_FAILED)
    return 1;
  sem_init (&q->empty_slots, 1, SLOTS);
  sem_init (&q->full_slots, 1, 0);
  sem_init (&q->mutex, 1, 1);
  say ("parent: a bounded queue of %d slots between a producer and a consumer", SLOTS);
  say ("父进程: 有界队列(3 个位置)的生产者-消费者: 队列满时生产者等待, 队列空时消费者等待");
  if ((producer = fork ()) == 0)
    {
      name_self ("producer");
      for (int i = 1; i <= ITEMS; i++)
        {
          sem_wait (&q->empty_slots);
          sem_wait (&q->mutex);
          q->items[q->tail] = i;
          q->tail = (q->tail + 1) % SLOTS;
          sem_post (&q->mutex);
          sem_post (&q->full_slots);
          say ("producer: put item %d", i);
          sleep_ms (30);
        }
      _exit (0);
    }
  if ((consumer = fork ()) == 0)
    {
      name_self ("consumer");
      for (int i = 0; i < ITEMS; i++)
        {
          int item;

          sem_wait (&q->full_slots);
          sem_wait (&q->mutex);
          item = q->items[q->head];
          q->head = (q->head + 1) % SLOTS;
          sem_post (&q->mutex);
          sem_post (&q->empty_slots);
          say ("consumer: took item %d, working on it", item);
          sleep_ms (200);
        }
      _exit (0);
    }
  waitpid (producer, NULL, 0);
  waitpid (consumer, NULL, 0);
  say ("parent: all %d items went through the queue", ITEMS);
  return 0;
}
