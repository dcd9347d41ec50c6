/* server-threadpool: a pool of three worker threads serves six clients.
 * The main thread only accepts and puts each connection in `work_queue`;
 * an idle worker takes it.  With six clients and three workers, three
 * clients wait (connected, but no echo yet) until a worker is free, and
 * idle workers wait on the queue. */
#include "conn-queue.h"
#include "demo-net.h"
#include "demo-util.h"
#include "echo-client.h"
#include "echo-serve.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/socket.h>

#define CLIENTS 6
#define WORKERS 3

ConnQueue work_queue = CONN_QUEUE_INIT;

static void *
worker (void *arg)
{
  char name[16];
  int conn;

  snprintf (name, sizeof name, "pool-%d", (int) (intptr_t) arg);
  demo_name_thread ("%s", name);
  while ((conn = conn_queue_get (&work_queue)) >= 0)
    {
      demo_say ("%s: took a connection from work_queue", name);
      echo_serve (conn, name);
    }
  return NULL;
}

int
main (void)
{
  int port, listener = demo_listen_tcp (&port);
  pthread_t workers[WORKERS];

  demo_name_thread ("pool-server");
  demo_elapsed_ms ();
  demo_say ("server: %d worker threads, %d clients, port %d", WORKERS, CLIENTS, port);
  for (int i = 0; i < WORKERS; i++)
    pthread_create (&workers[i], NULL, worker, (void *) (intptr_t) (i + 1));
  /* A pool is started before the work comes: its idle workers wait on
   * work_queue (however slow the machine, they are there before a client). */
  demo_sleep_ms (200);
  for (int i = 1; i <= CLIENTS; i++)
    {
      char name[16];
      snprintf (name, sizeof name, "client-%d", i);
      demo_start_client (name, echo_client, port, i);
    }
  for (int i = 0; i < CLIENTS; i++)
    conn_queue_put (&work_queue, accept (listener, NULL, NULL));
  for (int i = 0; i < WORKERS; i++)
    conn_queue_put (&work_queue, -1); /* pool.close() */
  for (int i = 0; i < WORKERS; i++)
    pthread_join (workers[i], NULL); /* pool.join() */
  demo_say ("server: %d of %d clients got all their echoes", demo_wait_children (), CLIENTS);
  return 0;
}
