/* io-nonblocking: non-blocking IO with polling.  The listening socket
 * and the connection are set O_NONBLOCK: accept() and recv() return at
 * once with EAGAIN when nothing is there, and the server does "other
 * work" (100 ms) between tries instead of waiting.  The timeline shows
 * many short IO calls instead of one long wait. */
#include "demo-net.h"
#include "demo-util.h"

#include <errno.h>
#include <fcntl.h>
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

static void
set_nonblocking (int fd)
{
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) | O_NONBLOCK);
}

static void
do_other_work (void)
{
  demo_sleep_ms (100);
}

int
main (void)
{
  int port, listener = demo_listen_tcp (&port), conn;
  int tries = 0;
  char buf[64];

  demo_name_thread ("server");
  set_nonblocking (listener);
  demo_say ("server: listening on 127.0.0.1:%d, non-blocking (sock.setblocking(False))", port);
  demo_start_client ("client", slow_client, port, 1);
  while ((conn = accept (listener, NULL, NULL)) < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
    {
      tries++;
      do_other_work ();
    }
  demo_say ("server: accepted after %d tries that returned EAGAIN (did other work in between)", tries);
  set_nonblocking (conn);
  tries = 0;
  for (;;)
    {
      ssize_t got = recv (conn, buf, sizeof buf - 1, 0);
      if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        {
          tries++;
          do_other_work ();
          continue;
        }
      if (got <= 0)
        break;
      buf[got] = '\0';
      demo_say ("server: recv() returned '%s' after %d EAGAIN tries", buf, tries);
      tries = 0;
    }
  demo_say ("server: the client closed the connection");
  close (conn);
  demo_wait_children ();
  return 0;
}
