/* fdwait-server MODE: a server waiting on two pipes with select, poll or
 * epoll (MODE).  A child writes to the first pipe only, so exactly that
 * fd comes back ready.  Prints "watch FD1 FD2". */
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <unistd.h>

static int
wait_select (int busy, int idle)
{
  fd_set readable;

  FD_ZERO (&readable);
  FD_SET (busy, &readable);
  FD_SET (idle, &readable);
  if (select ((busy > idle ? busy : idle) + 1, &readable, NULL, NULL, NULL) != 1)
    return -1;
  return FD_ISSET (busy, &readable) ? 0 : -1;
}

static int
wait_poll (int busy, int idle)
{
  struct pollfd fds[2] = { { busy, POLLIN, 0 }, { idle, POLLIN, 0 } };

  if (poll (fds, 2, -1) != 1)
    return -1;
  return (fds[0].revents & POLLIN) ? 0 : -1;
}

static int
wait_epoll (int busy, int idle)
{
  int ep = epoll_create1 (0);
  struct epoll_event ev = { .events = EPOLLIN }, ready[4];

  ev.data.fd = busy;
  epoll_ctl (ep, EPOLL_CTL_ADD, busy, &ev);
  ev.data.fd = idle;
  epoll_ctl (ep, EPOLL_CTL_ADD, idle, &ev);
  if (epoll_wait (ep, ready, 4, -1) != 1)
    return -1;
  close (ep);
  return ready[0].data.fd == busy ? 0 : -1;
}

int
main (int argc, char **argv)
{
  int busy[2], idle[2], done[2];
  char buf[16];
  pid_t child;
  int ok;

  if (argc != 2)
    return 2;
  if (pipe (busy) < 0 || pipe (idle) < 0 || pipe (done) < 0)
    return 1;
  printf ("watch %d %d\n", busy[0], idle[0]);
  fflush (stdout);
  child = fork ();
  if (child == 0)
    {
      close (done[1]);
      if (write (busy[1], "ping", 4) != 4)
        _exit (1);
      /* Stay until the server is done, keeping the idle pipe open. */
      while (read (done[0], buf, sizeof buf) > 0)
        ;
      _exit (0);
    }
  close (done[0]);
  if (strcmp (argv[1], "select") == 0)
    ok = wait_select (busy[0], idle[0]);
  else if (strcmp (argv[1], "poll") == 0)
    ok = wait_poll (busy[0], idle[0]);
  else
    ok = wait_epoll (busy[0], idle[0]);
  if (ok == 0 && read (busy[0], buf, sizeof buf) != 4)
    ok = -1;
  close (done[1]);
  waitpid (child, NULL, 0);
  return ok == 0 ? 0 : 1;
}
