/*
 * semaphore: a semaphore of 2 in shared memory limits five processes to
 * two at a time in the "room" (like multiprocessing.Semaphore(2)).
 * The others wait in sem_wait until someone leaves.
 */
#include <semaphore.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "demo-util.h"

int
main (void)
{
  sem_t *room = mmap (NULL, sizeof *room, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  pid_t pids[5];

  if (room == MAP_FAILED || sem_init (room, 1, 2) < 0)
    return 1;
  say ("parent: five processes, a semaphore lets two at a time into the room");
  say ("父进程: 信号量为 2, 五个进程中同一时刻最多两个进入, 其余的等待");
  for (int i = 0; i < 5; i++)
    if ((pids[i] = fork ()) == 0)
      {
        name_self ("visitor");
        sleep_ms (20 * i);
        say ("visitor %d: waiting at the door", i + 1);
        sem_wait (room);
        say ("visitor %d: inside", i + 1);
        sleep_ms (400);
        say ("visitor %d: leaving", i + 1);
        sem_post (room);
        _exit (0);
      }
  for (int i = 0; i < 5; i++)
    waitpid (pids[i], NULL, 0);
  say ("parent: everyone has been inside, never more than two at once");
  return 0;
}
