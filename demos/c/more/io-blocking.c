/* io-blocking: blocking IO, the default.  The server calls accept() and
 * waits until the client process connects (1 s later), then each recv()
 * waits until the next message arrives (0.5 s apart).  While it waits the
 * server does nothing else: the timeline shows it blocked in IO. */
#include "demo-net.h"
#include "demo-util.h"

#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#define MESSAGES 3

static int
slow_client (int port, int number)
{
  demo_sleep_ms (1000);
  int fd = demo_connect_tcp (port);
  for (int i = 1; i <= MESSAGES; i++)
    {
      char message[32];
      int len = snprintf (message, sizeof message, "message %d", i);
      demo_sleep_ms (500);
      demo_send_all (fd, message, len);
    }
  close (fd);
  return 0;
}

int
main (void)
{
  int port, listener = demo_listen_tcp (&port), conn;
  char buf[64];
  ssize_t got;

  demo_name_thread ("server");
  demo_say ("server: listening on 127.0.0.1:%d; the client connects in 1 s", port);
  demo_start_client ("client", slow_client, port, 1);
  demo_say ("server: accept() blocks until a client connects ...");
  conn = accept (listener, NULL, NULL);
  demo_say ("server: connected; recv() blocks until data arrives ...");
  while ((got = recv (conn, buf, sizeof buf - 1, 0)) > 0)
    {
      buf[got] = '\0';
      demo_say ("server: recv() returned '%s'", buf);
    }
  demo_say ("server: recv() returned 0, the client closed the connection");
  close (conn);
  demo_wait_children ();
  return 0;
}
