/* mq-pc: a POSIX message queue between two processes; the parent sends 5
 * messages, the child receives them.  Prints "queue NAME". */
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#define MESSAGES 5

int
main (void)
{
  struct mq_attr attr = { .mq_maxmsg = 2, .mq_msgsize = 32 };
  char name[64];
  mqd_t queue;
  pid_t receiver;

  snprintf (name, sizeof name, "/weft-test-%d", (int) getpid ());
  queue = mq_open (name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
  if (queue == (mqd_t) -1)
    return 1;
  printf ("queue %s\n", name);
  fflush (stdout);
  receiver = fork ();
  if (receiver == 0)
    {
      char msg[32];

      for (int i = 0; i < MESSAGES; i++)
        if (mq_receive (queue, msg, sizeof msg, NULL) < 0)
          _exit (1);
      _exit (0);
    }
  for (int i = 0; i < MESSAGES; i++)
    mq_send (queue, "job", 4, 0);
  waitpid (receiver, NULL, 0);
  mq_close (queue);
  mq_unlink (name);
  return 0;
}
