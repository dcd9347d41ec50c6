/* conn-queue: a blocking queue of accepted connections that a pool of
 * worker threads takes from (Python's ThreadPool task queue).  A
 * connection of -1 tells a worker to stop. */
#pragma once

#include <pthread.h>

#define CONN_QUEUE_CAPACITY 32

typedef struct {
  pthread_mutex_t mutex;
  pthread_cond_t not_empty;
  int conns[CONN_QUEUE_CAPACITY];
  int head, length;
} ConnQueue;

#define CONN_QUEUE_INIT { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER }

void conn_queue_put (ConnQueue *queue, int conn);
int conn_queue_get (ConnQueue *queue);
