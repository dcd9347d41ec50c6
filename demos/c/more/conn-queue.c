/* conn-queue.c: see conn-queue.h. */
#include "conn-queue.h"

void
conn_queue_put (ConnQueue *queue, int conn)
{
  pthread_mutex_lock (&queue->mutex);
  queue->conns[(queue->head + queue->length++) % CONN_QUEUE_CAPACITY] = conn;
  pthread_cond_signal (&queue->not_empty);
  pthread_mutex_unlock (&queue->mutex);
}

int
conn_queue_get (ConnQueue *queue)
{
  int conn;

  pthread_mutex_lock (&queue->mutex);
  while (queue->length == 0)
    pthread_cond_wait (&queue->not_empty, &queue->mutex);
  conn = queue->conns[queue->head];
  queue->head = (queue->head + 1) % CONN_QUEUE_CAPACITY;
  queue->length--;
  pthread_mutex_unlock (&queue->mutex);
  return conn;
}
