/*
 * manager: a server process holds the shared data (a small table of
 * counters) in its own memory, like multiprocessing.Manager(); three
 * client processes change it only by sending requests over their
 * connections (socketpairs) and reading the replies.  The server waits
 * for requests on all connections at once with poll().
 */
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "demo-util.h"

#define N_CLIENTS 3
#define ROUNDS 5

static void
serve (int conns[N_CLIENTS])
{
  long table[N_CLIENTS + 1] = { 0 }; /* table[0]: "total", table[c]: client c */
  struct pollfd fds[N_CLIENTS];
  int open_conns = N_CLIENTS;

  name_self ("manager");
  for (int c = 0; c < N_CLIENTS; c++)
    fds[c] = (struct pollfd) { .fd = conns[c], .events = POLLIN };
  while (open_conns > 0)
    {
      poll (fds, N_CLIENTS, -1);
      for (int c = 0; c < N_CLIENTS; c++)
        {
          char request[64], reply[64];
          ssize_t n;

          if (fds[c].fd < 0 || !(fds[c].revents & (POLLIN | POLLHUP)))
            continue;
          n = read (fds[c].fd, request, sizeof request - 1);
          if (n <= 0)
            {
              close (fds[c].fd);
              fds[c].fd = -1;
              open_conns--;
              continue;
            }
          request[n] = '\0';
          table[0]++;
          table[c + 1]++;
          n = snprintf (reply, sizeof reply, "total=%ld mine=%ld", table[0], table[c + 1]);
          write (fds[c].fd, reply, n);
        }
    }
  say ("manager: final table: total=%ld, client1=%ld, client2=%ld, client3=%ld", table[0], table[1], table[2],
       table[3]);
  _exit (0);
}

static void
client (int number, int conn)
{
  name_self ("client");
  for (int i = 0; i < ROUNDS; i++)
    {
      char reply[64];
      ssize_t n;

      write (conn, "incr", 4);
      n = read (conn, reply, sizeof reply - 1);
      reply[n > 0 ? n : 0] = '\0';
      say ("client %d: incr -> %s", number, reply);
      sleep_ms (100 + 40 * number);
    }
  _exit (0);
}

int
main (void)
{
  int server_ends[N_CLIENTS], client_ends[N_CLIENTS];
  pid_t server, clients[N_CLIENTS];

  say ("parent: a manager process owns the table; clients change it by messages");
  say ("父进程: Manager 服务进程持有共享数据, 客户进程通过连接发送请求来修改它");
  for (int c = 0; c < N_CLIENTS; c++)
    {
      int pair[2];

      if (socketpair (AF_UNIX, SOCK_STREAM, 0, pair) < 0)
        return 1;
      server_ends[c] = pair[0];
      client_ends[c] = pair[1];
    }
  if ((server = fork ()) == 0)
    {
      for (int c = 0; c < N_CLIENTS; c++)
        close (client_ends[c]);
      serve (server_ends);
    }
  for (int c = 0; c < N_CLIENTS; c++)
    close (server_ends[c]);
  for (int c = 0; c < N_CLIENTS; c++)
    if ((clients[c] = fork ()) == 0)
      {
        for (int other = 0; other < N_CLIENTS; other++)
          if (other != c)
            close (client_ends[other]);
        client (c + 1, client_ends[c]);
      }
  for (int c = 0; c < N_CLIENTS; c++)
    close (client_ends[c]);
  for (int c = 0; c < N_CLIENTS; c++)
    waitpid (clients[c], NULL, 0);
  waitpid (server, NULL, 0);
  say ("parent: the manager saw every request: total must be %d", N_CLIENTS * ROUNDS);
  return 0;
}
