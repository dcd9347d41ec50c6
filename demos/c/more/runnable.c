/* runnable: more CPU-bound processes than CPUs.  The parent forks two
 * children per CPU; each needs 300 ms of CPU time.  Only as many can run
 * as there are CPUs, so the others are ready to run but wait for a CPU:
 * the runnable state (就绪).  The scheduler switches between them every
 * few milliseconds, so each one alternates running and runnable, and
 * all of them take about twice their 300 ms to finish. */
#include "demo-util.h"

#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define CPU_MS 300

int
main (void)
{
  long cpus = sysconf (_SC_NPROCESSORS_ONLN);
  int children = (int) (cpus > 0 ? 2 * cpus : 4);

  demo_say ("main: %ld CPUs, %d CPU-bound children of %d ms each", cpus, children, CPU_MS);
  for (int i = 0; i < children; i++)
    if (fork () == 0)
      {
        long start = demo_elapsed_ms ();

        demo_burn_cpu_ms (CPU_MS);
        demo_say ("child %d: %d ms of CPU took %ld ms", i + 1, CPU_MS, demo_elapsed_ms () - start);
        _exit (0);
      }
  while (wait (NULL) > 0)
    ;
  return 0;
}
