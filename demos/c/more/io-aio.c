/* io-aio: asynchronous IO with POSIX AIO (aio_read).  The main thread
 * asks for a read from a pipe with aio_read() and goes on working at
 * once; when the data has arrived and been copied into its buffer, a
 * signal (SIGUSR1, asked for with SIGEV_SIGNAL) tells it the read is
 * complete, and aio_return() gives the byte count.  A child process
 * writes a message every 0.4 s, three times.
 *
 * glibc implements POSIX AIO in user space: a helper thread does the
 * blocking read() on the main thread's behalf.  The trace shows it, so
 * the demo says it: the main thread never waits, a thread of the AIO
 * library does.  (The kernel's own asynchronous IO interface is
 * io_uring.) */
#include "demo-util.h"

#include <aio.h>
#include <errno.h>
#include <stdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MESSAGES 3

static volatile sig_atomic_t completed;

static void
on_complete (int sig)
{
  completed = 1;
}

int
main (void)
{
  int pipe_fds[2];
  pid_t writer;
  struct sigaction action = { .sa_handler = on_complete };

  demo_name_thread ("main");
  sigaction (SIGUSR1, &action, NULL);
  if (pipe (pipe_fds) != 0)
    return 1;
  writer = fork ();
  if (writer == 0)
    {
      demo_name_thread ("writer");
      close (pipe_fds[0]);
      for (int i = 1; i <= MESSAGES; i++)
        {
          char text[32];

          demo_sleep_ms (400);
          snprintf (text, sizeof text, "message %d", i);
          if (write (pipe_fds[1], text, strlen (text)) < 0)
            _exit (1);
        }
      _exit (0);
    }
  close (pipe_fds[1]);
  for (int i = 1; i <= MESSAGES; i++)
    {
      char buffer[64] = { 0 };
      struct aiocb request = {
        .aio_fildes = pipe_fds[0],
        .aio_buf = buffer,
        .aio_nbytes = sizeof buffer - 1,
        .aio_sigevent = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1 },
      };
      int steps = 0;

      completed = 0;
      if (aio_read (&request) != 0)
        {
          demo_say ("main: aio_read failed: %s", strerror (errno));
          return 1;
        }
      demo_say ("main: aio_read() returned at once; working meanwhile");
      while (!completed)
        {
          demo_burn_cpu_ms (20);   /* the main thread's own work */
          steps++;
        }
      demo_say ("main: SIGUSR1: the read is complete (%zd bytes, \"%s\") after %d steps of work",
                aio_return (&request), buffer, steps);
    }
  waitpid (writer, NULL, 0);
  return 0;
}
