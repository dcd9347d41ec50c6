/* io-multiplex: IO multiplexing, one thread watching many sockets.  Three
 * client processes connect at different times and each send three
 * messages; the single server thread waits in ONE call for whichever
 * socket is ready, then serves it.
 *   io-multiplex select       select() with fd_sets
 *   io-multiplex poll         poll() with an array of pollfd
 *   io-multiplex epoll-level  epoll, level-triggered: the server reads 4
 *                             bytes per wake-up and epoll keeps reporting
 *                             the socket while data is left
 *   io-multiplex epoll-edge   epoll, edge-triggered (EPOLLET): reported
 *                             once per arrival, so the server must read
 *                             until EAGAIN */
#include "demo-net.h"
#include "demo-util.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

#define CLIENTS 3
#define MESSAGES 3
#define MAX_FDS 16
#define SMALL_READ 4

static int waits;

static int
client (int port, int number)
{
  demo_sleep_ms (300 * number);
  int fd = demo_connect_tcp (port);
  for (int i = 1; i <= MESSAGES; i++)
    {
      char message[32];
      int len = snprintf (message, sizeof message, "c%d says hi %d", number, i);
      demo_send_all (fd, message, len);
      demo_sleep_ms (400);
    }
  close (fd);
  return 0;
}

typedef enum { SERVED, NOTHING_LEFT, CLOSED } ServeResult;

/* Reads what is there (at most `max` bytes). */
static ServeResult
serve (int fd, size_t max)
{
  char buf[64];
  ssize_t got = recv (fd, buf, max, 0);

  if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
    return NOTHING_LEFT;
  if (got <= 0)
    {
      demo_say ("server: fd %d closed", fd);
      close (fd);
      return CLOSED;
    }
  buf[got] = '\0';
  demo_say ("server: fd %d: '%s'", fd, buf);
  return SERVED;
}

static int
accept_one (int listener)
{
  int conn = accept (listener, NULL, NULL);

  demo_say ("server: new connection, fd %d", conn);
  return conn;
}

static void
run_select (int listener)
{
  int conns[MAX_FDS], n_conns = 0, closed = 0;

  while (closed < CLIENTS)
    {
      fd_set readable;
      int highest = listener;

      FD_ZERO (&readable);
      FD_SET (listener, &readable);
      for (int i = 0; i < n_conns; i++)
        if (conns[i] >= 0)
          {
            FD_SET (conns[i], &readable);
            highest = conns[i] > highest ? conns[i] : highest;
          }
      waits++;
      if (select (highest + 1, &readable, NULL, NULL, NULL) < 0)
        continue; /* EINTR (a client ended): the sets say nothing */
      if (FD_ISSET (listener, &readable))
        conns[n_conns++] = accept_one (listener);
      for (int i = 0; i < n_conns; i++)
        if (conns[i] >= 0 && FD_ISSET (conns[i], &readable) && serve (conns[i], 63) == CLOSED)
          conns[i] = -1, closed++;
    }
}

static void
run_poll (int listener)
{
  struct pollfd fds[MAX_FDS] = { { .fd = listener, .events = POLLIN } };
  int n_fds = 1, closed = 0;

  while (closed < CLIENTS)
    {
      waits++;
      if (poll (fds, n_fds, -1) < 0)
        continue; /* EINTR (a client ended): revents say nothing */
      for (int i = 1; i < n_fds; i++)
        if (fds[i].fd >= 0 && (fds[i].revents & (POLLIN | POLLHUP)) && serve (fds[i].fd, 63) == CLOSED)
          fds[i].fd = -1, closed++;
      if (fds[0].revents & POLLIN)
        fds[n_fds++] = (struct pollfd) { .fd = accept_one (listener), .events = POLLIN };
    }
}

static void
run_epoll (int listener, bool edge)
{
  int epoll_fd = epoll_create1 (0), closed = 0;
  struct epoll_event watch = { .events = EPOLLIN, .data.fd = listener };

  epoll_ctl (epoll_fd, EPOLL_CTL_ADD, listener, &watch);
  while (closed < CLIENTS)
    {
      struct epoll_event ready[MAX_FDS];
      int n_ready;

      waits++;
      n_ready = epoll_wait (epoll_fd, ready, MAX_FDS, -1);
      for (int i = 0; i < n_ready; i++)
        {
          int fd = ready[i].data.fd;
          if (fd == listener)
            {
              int conn = accept_one (listener);
              struct epoll_event conn_watch = { .events = EPOLLIN | (edge ? EPOLLET : 0), .data.fd = conn };
              fcntl (conn, F_SETFL, fcntl (conn, F_GETFL) | O_NONBLOCK);
              epoll_ctl (epoll_fd, EPOLL_CTL_ADD, conn, &conn_watch);
              continue;
            }
          if (!edge)
            {
              /* Level-triggered: read a little; epoll reports it again. */
              if (serve (fd, SMALL_READ) == CLOSED)
                closed++;
              continue;
            }
          /* Edge-triggered: no second report for this data, so drain it
           * until recv() says EAGAIN. */
          for (ServeResult result = SERVED; result == SERVED;)
            if ((result = serve (fd, SMALL_READ)) == CLOSED)
              closed++;
        }
    }
  close (epoll_fd);
}

int
main (int argc, char **argv)
{
  const char *mode = argc > 1 ? argv[1] : "select";
  int port, listener;

  if (strcmp (mode, "select") && strcmp (mode, "poll") && strcmp (mode, "epoll-level")
      && strcmp (mode, "epoll-edge"))
    {
      fprintf (stderr, "io-multiplex: unknown mode '%s'; use select, poll, epoll-level or epoll-edge.\n", mode);
      return 2;
    }
  listener = demo_listen_tcp (&port);
  demo_name_thread ("server");
  demo_say ("server: one thread, %s over the listening socket and every client (port %d)", mode, port);
  for (int i = 1; i <= CLIENTS; i++)
    {
      char name[16];
      snprintf (name, sizeof name, "client-%d", i);
      demo_start_client (name, client, port, i);
    }
  if (strcmp (mode, "select") == 0)
    run_select (listener);
  else if (strcmp (mode, "poll") == 0)
    run_poll (listener);
  else
    run_epoll (listener, strcmp (mode, "epoll-edge") == 0);
  demo_wait_children ();
  demo_say ("server: all clients done after %d waits in %s", waits, mode);
  return 0;
}
