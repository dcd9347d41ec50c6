/* io-timeout: blocking with a time limit (sock.settimeout(0.5)).  recv()
 * waits at most 0.5 s (SO_RCVTIMEO); when it times out the server says
 * so and tries again.  The client sends its only message after 1.7 s, so
 * the server times out three times first. */
#include "demo-net.h"
#include "demo-util.h"

#include <errno.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static int
late_client (int port, int number)
{
  int fd = demo_connect_tcp (port);
  demo_sleep_ms (1700);
  demo_send_all (fd, "finally", 7);
  close (fd);
  return 0;
}

int
main (void)
{
  int port, listener = demo_listen_tcp (&port), conn;
  struct timeval limit = { 0, 500000 };
  char buf[64];
  int timeouts = 0;

  demo_name_thread ("server");
  demo_start_client ("client", late_client, port, 1);
  conn = accept (listener, NULL, NULL);
  setsockopt (conn, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  demo_say ("server: connected; every recv() waits at most 0.5 s");
  for (;;)
    {
      ssize_t got = recv (conn, buf, sizeof buf - 1, 0);
      if (got < 0 && errno == EINTR)
        continue; /* a recv with a timeout is not restarted after a signal */
      if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        {
          demo_say ("server: recv() timed out (%d), doing something else, then trying again", ++timeouts);
          continue;
        }
      if (got <= 0)
        break;
      buf[got] = '\0';
      demo_say ("server: recv() returned '%s' after %d timeouts", buf, timeouts);
    }
  close (conn);
  demo_wait_children ();
  return 0;
}
