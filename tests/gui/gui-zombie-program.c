/* gui-zombie-program: what the viewer tests record with the real recorder.
 * Two threads, and three children: "late" exits at once but is reaped
 * only after 1 s (a zombie), "coded" exits with 3, "killed" dies by SIGTERM. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static void *
worker (void *arg)
{
  pthread_setname_np (pthread_self (), arg);
  usleep (300 * 1000);
  return NULL;
}

static pid_t
child (const char *name, int code, int wait_for_signal)
{
  pid_t pid = fork ();

  if (pid == 0)
    {
      prctl (PR_SET_NAME, name);
      if (wait_for_signal)
        pause ();
      usleep (50 * 1000);
      _exit (code);
    }
  return pid;
}

int
main (void)
{
  pthread_t threads[2];
  pid_t late, coded, killed;

  pthread_create (&threads[0], NULL, worker, "worker-1");
  pthread_create (&threads[1], NULL, worker, "worker-2");
  late = child ("late", 0, 0);
  coded = child ("coded", 3, 0);
  killed = child ("killed", 0, 1);

  usleep (200 * 1000);
  kill (killed, SIGTERM);
  waitpid (coded, NULL, 0);
  waitpid (killed, NULL, 0);
  /* "late" has been a zombie since ~50 ms; reap it a second later. */
  usleep (1000 * 1000);
  waitpid (late, NULL, 0);
  pthread_join (threads[0], NULL);
  pthread_join (threads[1], NULL);
  printf ("children reaped\n");
  return 0;
}
