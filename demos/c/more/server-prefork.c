/* server-prefork: a process pool, and a thread pool in every process, as
 * in the tutorial's "先开一个进程池, 每个进程下面再开一个线程".  The
 * server listens, then forks two worker processes; each accepts on the
 * shared listening socket and hands connections to its own two threads.
 * Each process takes three of the six clients, then closes its pool and
 * exits. */
#include "conn-queue.h"
#include "demo-net.h"
#include "demo-util.h"
#include "echo-client.h"
#include "echo-serve.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define PROCESSES 2
#define THREADS 2
#define CLIENTS 6

ConnQueue process_queue = CONN_QUEUE_INIT;
static int process_number;

static void *
pool_thread (void *arg)
{
  char name[16];
  int conn;

  snprintf (name, sizeof name, "p%d-thread-%d", process_number, (int) (intptr_t) arg);
  demo_name_thread ("%s", name);
  while ((conn = conn_queue_get (&process_queue)) >= 0)
    echo_serve (conn, name);
  return NULL;
}

static int
worker_process (int listener)
{
  pthread_t threads[THREADS];

  for (int i = 0; i < THREADS; i++)
    pthread_create (&threads[i], NULL, pool_thread, (void *) (intptr_t) (i + 1));
  for (int accepted = 0; accepted < CLIENTS / PROCESSES; accepted++)
    {
      int conn = accept (listener, NULL, NULL);
      demo_say ("worker-%d: accepted a client, handing it to the thread pool", process_number);
      conn_queue_put (&process_queue, conn);
    }
  demo_say ("worker-%d: took its %d clients, closing the pool", process_number, CLIENTS / PROCESSES);
  for (int i = 0; i < THREADS; i++)
    conn_queue_put (&process_queue, -1);
  for (int i = 0; i < THREADS; i++)
    pthread_join (threads[i], NULL);
  return 0;
}

int
main (void)
{
  int port, listener = demo_listen_tcp (&port), succeeded;
  pid_t workers[PROCESSES];

  demo_name_thread ("prefork-server");
  demo_elapsed_ms ();
  demo_say ("server: %d processes x %d threads, %d clients, port %d", PROCESSES, THREADS, CLIENTS, port);
  for (int p = 0; p < PROCESSES; p++)
    {
      fflush (stdout);
      workers[p] = fork ();
      if (workers[p] == 0)
        {
          char name[16];
          process_number = p + 1;
          snprintf (name, sizeof name, "worker-%d", process_number);
          prctl (PR_SET_NAME, name);
          _exit (worker_process (listener));
        }
    }
  for (int i = 0; i < CLIENTS; i++)
    {
      char name[16];
      snprintf (name, sizeof name, "client-%d", i + 1);
      demo_start_client (name, echo_client, port, i + 1);
    }
  succeeded = demo_wait_children ();
  demo_say ("server: %d of %d clients got all their echoes", succeeded, CLIENTS);
  for (int p = 0; p < PROCESSES; p++)
    waitpid (workers[p], NULL, 0);
  return succeeded == CLIENTS ? 0 : 1;
}
