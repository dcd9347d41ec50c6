/* server-fork: a process per client, like the tutorial's fork_server.py.
 * For every accepted connection the server forks a handler process that
 * serves it and exits; SIGCHLD is ignored, so the kernel reaps the
 * handlers (no zombies) and the server never waits for them. */
#include "demo-net.h"
#include "demo-util.h"
#include "echo-client.h"
#include "echo-serve.h"

#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define CLIENTS 3

int
main (void)
{
  int port, listener = demo_listen_tcp (&port);

  demo_name_thread ("fork-server");
  demo_elapsed_ms ();
  demo_say ("server: listening on 127.0.0.1:%d; SIGCHLD ignored so handlers reap themselves", port);
  for (int i = 0; i < CLIENTS; i++)
    {
      char name[16];
      snprintf (name, sizeof name, "client-%d", i + 1);
      demo_start_client (name, echo_client, port, i + 1);
    }
  signal (SIGCHLD, SIG_IGN); /* signal.signal(SIGCHLD, SIG_IGN) */
  for (int i = 1; i <= CLIENTS; i++)
    {
      int conn = accept (listener, NULL, NULL);
      pid_t handler;

      fflush (stdout);
      handler = fork ();
      if (handler == 0)
        {
          char name[16];
          snprintf (name, sizeof name, "handler-%d", i);
          prctl (PR_SET_NAME, name);
          close (listener);
          echo_serve (conn, name);
          _exit (0);
        }
      demo_say ("server: forked handler-%d (pid %d) for a new client", i, handler);
      close (conn);
    }
  /* With SIGCHLD ignored, wait() only returns (ECHILD) once every child
   * has ended, and none of them was ever a zombie. */
  wait (NULL);
  demo_say ("server: every client and handler has ended; the kernel reaped them all");
  return 0;
}
