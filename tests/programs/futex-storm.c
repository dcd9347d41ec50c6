/* futex-storm N: two threads hand a turn back and forth through one futex
 * word, each waiting in the kernel (FUTEX_WAIT) until it is its turn, so
 * every hand-over is a real futex contention; they stop once N waits have
 * been made.  Prints the futex address and the exact number of FUTEX_WAIT
 * calls. */
#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static _Atomic int turn;
static atomic_bool stop;
static atomic_long futex_waits;
static long target;

static void *
player (void *arg)
{
  int me = (int) (long) arg;

  while (!atomic_load (&stop))
    {
      int seen;

      while ((seen = atomic_load (&turn)) != me && !atomic_load (&stop))
        {
          syscall (SYS_futex, &turn, FUTEX_WAIT_PRIVATE, seen, NULL, NULL, 0);
          if (atomic_fetch_add (&futex_waits, 1) + 1 >= target)
            atomic_store (&stop, 1);
        }
      /* Hand the turn over (also on the way out, so the other wakes). */
      atomic_store (&turn, !me);
      syscall (SYS_futex, &turn, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
    }
  return NULL;
}

int
main (int argc, char **argv)
{
  pthread_t a, b;

  target = argc > 1 ? atol (argv[1]) : 1000;
  pthread_create (&a, NULL, player, (void *) 0L);
  pthread_create (&b, NULL, player, (void *) 1L);
  pthread_join (a, NULL);
  pthread_join (b, NULL);
  printf ("futex=%p waits=%ld\n", (void *) &turn, atomic_load (&futex_waits));
  return 0;
}
