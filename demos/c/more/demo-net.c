/* demo-net.c: see demo-net.h. */
#include "demo-net.h"
#include "demo-util.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

/* The demos only talk to themselves on 127.0.0.1: a failure here means
 * the machine refuses that (no loopback) or the other side went away. */
static void
fail (const char *what)
{
  fprintf (stderr, "demo: %s failed (%s); check that the loopback interface (127.0.0.1) is up.\n",
           what, strerror (errno));
  exit (2);
}

static void
peer_gone (const char *what)
{
  fprintf (stderr, "demo: %s failed (%s): the other side closed the connection.\n", what, strerror (errno));
  exit (2);
}

static struct sockaddr_in
loopback (int port)
{
  struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons (port) };

  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  return address;
}

static int
bound_socket (int type, int *port)
{
  struct sockaddr_in address = loopback (0);
  socklen_t len = sizeof address;
  int fd = socket (AF_INET, type, 0);

  if (fd < 0 || bind (fd, (struct sockaddr *) &address, sizeof address) < 0)
    fail ("bind on 127.0.0.1");
  getsockname (fd, (struct sockaddr *) &address, &len);
  *port = ntohs (address.sin_port);
  return fd;
}

int
demo_listen_tcp (int *port)
{
  int fd = bound_socket (SOCK_STREAM, port);

  if (listen (fd, 16) < 0)
    fail ("listen");
  return fd;
}

int
demo_bind_udp (int *port)
{
  return bound_socket (SOCK_DGRAM, port);
}

int
demo_connect_tcp (int port)
{
  struct sockaddr_in address = loopback (port);
  int fd = socket (AF_INET, SOCK_STREAM, 0);

  if (fd < 0 || connect (fd, (struct sockaddr *) &address, sizeof address) < 0)
    fail ("connect to 127.0.0.1");
  return fd;
}

#define MAX_CLIENTS 32

static pid_t client_pids[MAX_CLIENTS];
static volatile sig_atomic_t client_status[MAX_CLIENTS]; /* -1 while running */
static volatile sig_atomic_t n_clients;

/* SIGCHLD: reaps the clients that ended (only ours: other children, such
 * as a pool's workers, are their owner's to wait for). */
static void
reap_clients (int signo)
{
  int saved_errno = errno;

  for (int i = 0; i < n_clients; i++)
    {
      int status;

      if (client_status[i] < 0 && waitpid (client_pids[i], &status, WNOHANG) == client_pids[i])
        client_status[i] = WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
    }
  errno = saved_errno;
}

static void
block_sigchld (int how)
{
  sigset_t chld;

  sigemptyset (&chld);
  sigaddset (&chld, SIGCHLD);
  pthread_sigmask (how, &chld, NULL);
}

pid_t
demo_start_client (const char *name, DemoClient client, int port, int number)
{
  static int handler_installed;
  pid_t pid;

  if (n_clients == MAX_CLIENTS)
    {
      fprintf (stderr, "demo: more than %d clients; start fewer.\n", MAX_CLIENTS);
      exit (2);
    }
  if (!handler_installed)
    {
      struct sigaction action = { .sa_handler = reap_clients, .sa_flags = SA_RESTART | SA_NOCLDSTOP };

      sigemptyset (&action.sa_mask);
      sigaction (SIGCHLD, &action, NULL);
      handler_installed = 1;
    }
  fflush (stdout);
  /* Registered before the handler can look for it. */
  block_sigchld (SIG_BLOCK);
  pid = fork ();
  if (pid < 0)
    fail ("fork");
  if (pid == 0)
    {
      signal (SIGCHLD, SIG_DFL);
      block_sigchld (SIG_UNBLOCK);
      prctl (PR_SET_NAME, name);
      _exit (client (port, number));
    }
  client_pids[n_clients] = pid;
  client_status[n_clients] = -1;
  n_clients++;
  block_sigchld (SIG_UNBLOCK);
  return pid;
}

int
demo_wait_children (void)
{
  int succeeded = 0, running;

  /* Polls rather than waiting for one client after the other, so each is
   * reaped the moment it ends, in whatever order they end. */
  do
    {
      block_sigchld (SIG_BLOCK);
      reap_clients (SIGCHLD);
      running = 0;
      for (int i = 0; i < n_clients; i++)
        running += client_status[i] < 0;
      block_sigchld (SIG_UNBLOCK);
      if (running)
        demo_sleep_ms (50);
    }
  while (running);
  for (int i = 0; i < n_clients; i++)
    succeeded += client_status[i] == 0;
  return succeeded;
}

void
demo_send_all (int fd, const void *buf, size_t len)
{
  const char *at = buf;

  while (len > 0)
    {
      ssize_t sent = send (fd, at, len, MSG_NOSIGNAL);
      if (sent < 0 && errno == EINTR)
        continue;
      if (sent < 0)
        peer_gone ("send");
      at += sent;
      len -= sent;
    }
}

ssize_t
demo_recv_line (int fd, char *buf, size_t size)
{
  size_t len = 0;

  while (len + 1 < size)
    {
      char c;
      ssize_t got = recv (fd, &c, 1, 0);
      if (got < 0 && errno == EINTR)
        continue;
      if (got <= 0)
        return len > 0 ? (ssize_t) len : -1;
      if (c == '\n')
        break;
      buf[len++] = c;
    }
  buf[len] = '\0';
  return len;
}
