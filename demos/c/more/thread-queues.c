/* thread-queues: the three queues of Python's queue module between a
 * producer and a consumer thread: FIFO (Queue), LIFO (LifoQueue) and
 * priority (PriorityQueue).  For each, the consumer starts first and
 * blocks in get() on an empty queue; 0.8 s later the producer puts five
 * items at once, and the consumer prints the order it gets them in. */
#include "demo-util.h"

#include <pthread.h>

#define CAPACITY 8
#define ITEMS 5

typedef enum { FIFO, LIFO, PRIORITY } QueueOrder;

typedef struct {
  int priority;
  const char *what;
} Item;

typedef struct {
  const char *name;
  QueueOrder order;
  pthread_mutex_t mutex;
  pthread_cond_t not_empty;
  Item items[CAPACITY];
  int length;
} Queue;

#define QUEUE_INIT(name, order) { name, order, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER }
Queue fifo_queue = QUEUE_INIT ("fifo_queue", FIFO);
Queue lifo_queue = QUEUE_INIT ("lifo_queue", LIFO);
Queue priority_queue = QUEUE_INIT ("priority_queue", PRIORITY);

/* Puts several items in one go, so the consumer sees them all at once
 * and the order of get() is the queue's, not the order of arrival. */
static void
queue_put_all (Queue *queue, const Item *items, int n_items)
{
  pthread_mutex_lock (&queue->mutex);
  for (int i = 0; i < n_items; i++)
    queue->items[queue->length++] = items[i];
  pthread_cond_signal (&queue->not_empty);
  pthread_mutex_unlock (&queue->mutex);
}

/* Which stored item get() hands out next. */
static int
queue_next_index (const Queue *queue)
{
  int best = 0;

  switch (queue->order)
    {
    case FIFO:
      return 0;
    case LIFO:
      return queue->length - 1;
    case PRIORITY:
      for (int i = 1; i < queue->length; i++)
        if (queue->items[i].priority < queue->items[best].priority)
          best = i;
      return best;
    }
  return 0;
}

static Item
queue_get (Queue *queue)
{
  Item item;
  int index;

  pthread_mutex_lock (&queue->mutex);
  while (queue->length == 0)
    pthread_cond_wait (&queue->not_empty, &queue->mutex);
  index = queue_next_index (queue);
  item = queue->items[index];
  for (int i = index; i < queue->length - 1; i++)
    queue->items[i] = queue->items[i + 1];
  queue->length--;
  pthread_mutex_unlock (&queue->mutex);
  return item;
}

static void *
producer (void *arg)
{
  static const Item items[ITEMS] = {
    { 3, "wash" }, { 1, "urgent: fire" }, { 5, "read" }, { 2, "eat" }, { 4, "sleep" },
  };
  Queue *queue = arg;

  demo_name_thread ("producer");
  demo_sleep_ms (800);
  for (int i = 0; i < ITEMS; i++)
    demo_say ("producer: %s.put((%d, '%s'))", queue->name, items[i].priority, items[i].what);
  queue_put_all (queue, items, ITEMS);
  return NULL;
}

static void *
consumer (void *arg)
{
  Queue *queue = arg;

  demo_name_thread ("consumer");
  for (int i = 0; i < ITEMS; i++)
    {
      Item item = queue_get (queue);
      demo_say ("consumer: %s.get() -> (%d, '%s')", queue->name, item.priority, item.what);
      demo_sleep_ms (100);
    }
  return NULL;
}

static void
demonstrate (Queue *queue, const char *order)
{
  pthread_t put_thread, get_thread;

  demo_say ("main: %s (%s)", queue->name, order);
  pthread_create (&get_thread, NULL, consumer, queue);
  pthread_create (&put_thread, NULL, producer, queue);
  pthread_join (put_thread, NULL);
  pthread_join (get_thread, NULL);
}

int
main (void)
{
  demo_name_thread ("main");
  demonstrate (&fifo_queue, "first in, first out");
  demonstrate (&lifo_queue, "last in, first out");
  demonstrate (&priority_queue, "lowest priority number first");
  return 0;
}
