/* server-thread: a thread per client, like the tutorial's
 * thread_server.py.  The main thread accepts; each connection gets a new
 * handler thread, so three clients are served at the same time in one
 * process. */
#include "demo-net.h"
#include "demo-util.h"
#include "echo-client.h"
#include "echo-serve.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/socket.h>

#define CLIENTS 3

typedef struct {
  int conn, number;
} Connection;

static void *
handler (void *arg)
{
  Connection *connection = arg;
  char name[16];

  snprintf (name, sizeof name, "handler-%d", connection->number);
  demo_name_thread ("%s", name);
  echo_serve (connection->conn, name);
  return NULL;
}

int
main (void)
{
  int port, listener = demo_listen_tcp (&port);
  pthread_t handlers[CLIENTS];
  Connection connections[CLIENTS];

  demo_name_thread ("thread-server");
  demo_elapsed_ms ();
  demo_say ("server: listening on 127.0.0.1:%d", port);
  for (int i = 1; i <= CLIENTS; i++)
    {
      char name[16];
      snprintf (name, sizeof name, "client-%d", i);
      demo_start_client (name, echo_client, port, i);
    }
  for (int i = 0; i < CLIENTS; i++)
    {
      connections[i] = (Connection) { accept (listener, NULL, NULL), i + 1 };
      demo_say ("server: new client, starting thread handler-%d", i + 1);
      pthread_create (&handlers[i], NULL, handler, &connections[i]);
    }
  for (int i = 0; i < CLIENTS; i++)
    pthread_join (handlers[i], NULL);
  demo_say ("server: %d of %d clients got all their echoes", demo_wait_children (), CLIENTS);
  return 0;
}
