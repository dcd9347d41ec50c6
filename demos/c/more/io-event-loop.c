/* io-event-loop: a selectors-style event loop.  Like Python's
 * selectors.DefaultSelector, sockets are register()ed with a callback;
 * the loop waits in epoll for whichever is ready and calls its callback:
 * accept() for the listening socket, read() (echo) for a connection.
 * Three client processes each send three lines and read the echo. */
#include "demo-net.h"
#include "demo-util.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define CLIENTS 3
#define LINES 3
#define MAX_FDS 64

typedef void (*Callback) (int fd);

static int selector;
static Callback callbacks[MAX_FDS];
static int open_connections, served_clients;

static void
sel_register (int fd, Callback callback)
{
  struct epoll_event watch = { .events = EPOLLIN, .data.fd = fd };

  callbacks[fd] = callback;
  epoll_ctl (selector, EPOLL_CTL_ADD, fd, &watch);
}

static void
sel_unregister (int fd)
{
  epoll_ctl (selector, EPOLL_CTL_DEL, fd, NULL);
  callbacks[fd] = NULL;
}

static void
on_readable (int conn)
{
  char buf[256];
  ssize_t got = recv (conn, buf, sizeof buf, 0);

  if (got > 0)
    {
      demo_say ("loop: echoing %zd bytes to fd %d", got, conn);
      demo_send_all (conn, buf, got);
      return;
    }
  demo_say ("loop: closing fd %d", conn);
  sel_unregister (conn);
  close (conn);
  open_connections--;
  served_clients++;
}

static void
on_acceptable (int listener)
{
  int conn = accept (listener, NULL, NULL);

  demo_say ("loop: accepted fd %d", conn);
  fcntl (conn, F_SETFL, fcntl (conn, F_GETFL) | O_NONBLOCK);
  sel_register (conn, on_readable);
  open_connections++;
}

static int
client (int port, int number)
{
  int fd;

  demo_sleep_ms (200 * number);
  fd = demo_connect_tcp (port);
  for (int i = 1; i <= LINES; i++)
    {
      char line[64], echo[64];
      int len = snprintf (line, sizeof line, "client-%d line %d\n", number, i);
      demo_send_all (fd, line, len);
      if (demo_recv_line (fd, echo, sizeof echo) < 0)
        return 1;
      demo_say ("client-%d: got back '%s'", number, echo);
      demo_sleep_ms (300);
    }
  close (fd);
  return 0;
}

int
main (void)
{
  int port, listener = demo_listen_tcp (&port);

  demo_name_thread ("event-loop");
  selector = epoll_create1 (0);
  fcntl (listener, F_SETFL, fcntl (listener, F_GETFL) | O_NONBLOCK);
  sel_register (listener, on_acceptable);
  demo_say ("loop: registered the listening socket (port %d); starting %d clients", port, CLIENTS);
  for (int i = 1; i <= CLIENTS; i++)
    {
      char name[16];
      snprintf (name, sizeof name, "client-%d", i);
      demo_start_client (name, client, port, i);
    }
  while (served_clients < CLIENTS)
    {
      struct epoll_event ready[MAX_FDS];
      int n = epoll_wait (selector, ready, MAX_FDS, -1); /* sel.select() */
      for (int i = 0; i < n; i++)
        if (callbacks[ready[i].data.fd])
          callbacks[ready[i].data.fd](ready[i].data.fd);
    }
  demo_wait_children ();
  demo_say ("loop: served %d clients with one thread", served_clients);
  return 0;
}
