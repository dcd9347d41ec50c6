/* conn-storm N: a server on 127.0.0.1 (port 0: the kernel picks one) and
 * a client process that opens N connections at once, sends a request on
 * each and reads every reply before closing any.  The server answers with
 * one epoll loop.  Prints "port P served N". */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static int
client (unsigned short port, int n)
{
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons (port) };
  int *socks = calloc (n, sizeof *socks);
  char reply[16];

  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  for (int i = 0; i < n; i++)
    {
      socks[i] = socket (AF_INET, SOCK_STREAM, 0);
      if (socks[i] < 0 || connect (socks[i], (struct sockaddr *) &addr, sizeof addr) < 0)
        return 1;
    }
  /* All N are open now: send on each, then read each answer. */
  for (int i = 0; i < n; i++)
    if (write (socks[i], "ping", 4) != 4)
      return 1;
  for (int i = 0; i < n; i++)
    if (read (socks[i], reply, sizeof reply) != 4 || memcmp (reply, "pong", 4) != 0)
      return 1;
  for (int i = 0; i < n; i++)
    close (socks[i]);
  free (socks);
  return 0;
}

int
main (int argc, char **argv)
{
  int n = argc > 1 ? atoi (argv[1]) : 200;
  struct sockaddr_in addr = { .sin_family = AF_INET };
  socklen_t len = sizeof addr;
  int listener = socket (AF_INET, SOCK_STREAM, 0);
  int epfd = epoll_create1 (0);
  struct epoll_event ev = { .events = EPOLLIN };
  int served = 0, closed = 0, status;
  pid_t pid;

  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (bind (listener, (struct sockaddr *) &addr, sizeof addr) < 0 || listen (listener, n + 16) < 0 ||
      getsockname (listener, (struct sockaddr *) &addr, &len) < 0)
    return 1;
  ev.data.fd = listener;
  epoll_ctl (epfd, EPOLL_CTL_ADD, listener, &ev);
  pid = fork ();
  if (pid == 0)
    _exit (client (ntohs (addr.sin_port), n));

  while (closed < n)
    {
      struct epoll_event ready[64];
      int k = epoll_wait (epfd, ready, 64, -1);

      for (int i = 0; i < k; i++)
        {
          int fd = ready[i].data.fd;
          char request[16];
          ssize_t got;

          if (fd == listener)
            {
              int conn = accept (listener, NULL, NULL);

              ev.data.fd = conn;
              epoll_ctl (epfd, EPOLL_CTL_ADD, conn, &ev);
              continue;
            }
          got = read (fd, request, sizeof request);
          if (got == 4 && write (fd, "pong", 4) == 4)
            served++;
          else if (got <= 0)
            {
              epoll_ctl (epfd, EPOLL_CTL_DEL, fd, NULL);
              close (fd);
              closed++;
            }
        }
    }
  waitpid (pid, &status, 0);
  printf ("port %d served %d\n", ntohs (addr.sin_port), served);
  return WIFEXITED (status) && WEXITSTATUS (status) == 0 && served == n ? 0 : 1;
}
