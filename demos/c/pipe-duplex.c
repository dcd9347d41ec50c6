/*
 * pipe-duplex: a two-way pipe (socketpair), like multiprocessing's
 * Pipe(duplex=True).  The parent sends "ping N", the child answers
 * "pong N" on the same connection, ten times.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "demo-util.h"

int
main (void)
{
  int ends[2];
  char buffer[64];
  pid_t pid;

  say ("parent: a duplex pipe: both ends can send and receive");
  say ("父进程: 双工管道 -- 两端都可以收发消息");
  if (socketpair (AF_UNIX, SOCK_STREAM, 0, ends) < 0)
    return 1;
  pid = fork ();
  if (pid == 0)
    {
      name_self ("pong");
      close (ends[0]);
      for (;;)
        {
          ssize_t n = read (ends[1], buffer, sizeof buffer - 1);

          if (n <= 0)
            break;
          buffer[n] = '\0';
          say ("child: received \"%s\", answering", buffer);
          buffer[1] = 'o'; /* ping -> pong */
          write (ends[1], buffer, n);
        }
      say ("child: the other end closed, exiting");
      _exit (0);
    }
  name_self ("ping");
  close (ends[1]);
  for (int i = 1; i <= 10; i++)
    {
      int len = snprintf (buffer, sizeof buffer, "ping %d", i);
      ssize_t n;

      write (ends[0], buffer, len);
      n = read (ends[0], buffer, sizeof buffer - 1);
      buffer[n > 0 ? n : 0] = '\0';
      say ("parent: got \"%s\" back", buffer);
      sleep_ms (100);
    }
  close (ends[0]);
  waitpid (pid, NULL, 0);
  return 0;
}
