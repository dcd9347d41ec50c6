/* signal-catcher DIR: it and a child it forks catch SIGTERM, SIGHUP and
 * SIGINT; once both are waiting, DIR/ready appears.  Each ends with exit
 * status 100 + the signal it caught (the parent after its child). */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t caught;

static void
on_signal (int sig)
{
  caught = sig;
}

static void
wait_for_signal (const sigset_t *unblocked)
{
  while (!caught)
    sigsuspend (unblocked);
}

int
main (int argc, char **argv)
{
  const int sigs[] = { SIGTERM, SIGHUP, SIGINT };
  struct sigaction action = { .sa_handler = on_signal };
  sigset_t blocked, unblocked;
  char ready[4096];
  int pipe_fds[2];
  pid_t child;
  char byte;

  if (argc != 2 || pipe (pipe_fds) < 0)
    return 2;
  sigemptyset (&blocked);
  for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
    {
      sigaddset (&blocked, sigs[i]);
      sigaction (sigs[i], &action, NULL);
    }
  sigprocmask (SIG_BLOCK, &blocked, &unblocked);

  child = fork ();
  if (child == 0)
    {
      close (pipe_fds[0]);
      close (pipe_fds[1]); /* the parent's read ends: the child waits */
      wait_for_signal (&unblocked);
      _exit (100 + caught);
    }
  close (pipe_fds[1]);
  read (pipe_fds[0], &byte, 1);
  snprintf (ready, sizeof ready, "%s/ready", argv[1]);
  close (open (ready, O_WRONLY | O_CREAT, 0644));
  wait_for_signal (&unblocked);
  waitpid (child, NULL, 0);
  printf ("caught signal %d\n", (int) caught);
  return 100 + caught;
}
