/*
 * mq-pc: a POSIX message queue between a producer and a consumer
 * process.  The queue holds at most 3 messages: the fast producer blocks
 * in mq_send while it is full, the slow consumer blocks in mq_receive
 * when it is empty at the start.
 */
#include <fcntl.h>
#include <mqueue.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "demo-util.h"

#define N_MESSAGES 10

int
main (void)
{
  struct mq_attr attr = { .mq_maxmsg = 3, .mq_msgsize = 64 };
  char name[64];
  pid_t producer, consumer;
  mqd_t queue;

  snprintf (name, sizeof name, "/weft-demo-%d", (int) getpid ());
  say ("parent: message queue %s, at most 3 messages in it", name);
  say ("父进程: POSIX 消息队列, 最多容纳 3 条消息; 队列满时生产者阻塞, 队列空时消费者阻塞");
  queue = mq_open (name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
  if (queue == (mqd_t) -1)
    {
      perror ("mq_open");
      return 1;
    }
  if ((consumer = fork ()) == 0)
    {
      char message[64];

      name_self ("consumer");
      sleep_ms (300);
      for (int i = 0; i < N_MESSAGES; i++)
        {
          ssize_t n = mq_receive (queue, message, sizeof message, NULL);

          if (n < 0)
            break;
          say ("consumer: got \"%s\", working on it", message);
          sleep_ms (200);
        }
      _exit (0);
    }
  if ((producer = fork ()) == 0)
    {
      name_self ("producer");
      for (int i = 1; i <= N_MESSAGES; i++)
        {
          char message[64];
          int len = snprintf (message, sizeof message, "job %d", i);

          say ("producer: sending \"%s\"", message);
          mq_send (queue, message, len + 1, 0);
        }
      say ("producer: all sent");
      _exit (0);
    }
  waitpid (producer, NULL, 0);
  waitpid (consumer, NULL, 0);
  mq_close (queue);
  mq_unlink (name);
  say ("parent: queue removed");
  return 0;
}
