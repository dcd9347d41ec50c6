/* server-loop: the loop (iterative) server.  It accepts one client,
 * serves it until it leaves, and only then accepts the next.  Three
 * client processes start at once: client-2 and client-3 are connected
 * (the kernel queues them) but wait in recv() for an echo until the
 * server gets to them.  Simple, cheap, one client at a time. */
#include "demo-net.h"
#include "demo-util.h"
#include "echo-client.h"
#include "echo-serve.h"

#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#define CLIENTS 3

int
main (void)
{
  int port, listener = demo_listen_tcp (&port);

  demo_name_thread ("loop-server");
  demo_elapsed_ms ();
  demo_say ("server: listening on 127.0.0.1:%d; %d clients start at once", port, CLIENTS);
  for (int i = 1; i <= CLIENTS; i++)
    {
      char name[16];
      snprintf (name, sizeof name, "client-%d", i);
      demo_start_client (name, echo_client, port, i);
    }
  for (int served = 1; served <= CLIENTS; served++)
    {
      int conn = accept (listener, NULL, NULL);
      demo_say ("server: serving client number %d; the others wait", served);
      echo_serve (conn, "server");
    }
  demo_say ("server: %d of %d clients got all their echoes", demo_wait_children (), CLIENTS);
  return 0;
}
