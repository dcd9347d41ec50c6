/*
 * bench-python: what the Python-aware recording costs a call-heavy Python
 * program (issue 13: stacks are taken at waits, never per call), and a
 * wait-heavy one, whose every wait is recorded with its stack and whose
 * locks are named by reading the program's variables.
 *
 * Runs /usr/bin/python3 py-fib.py (recursive fib(27), five times) and
 * py-queue.py (30,000 items through a full queue.Queue) untraced and under
 * `weft record` in alternation, several rounds in one run, and compares
 * the program's own time, so machine noise hits both sides alike.
 * Prints ratios, never asserts a time.
 */
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "weft-test-util.h"

#define ROUNDS 7
/* Each of its tens of thousands of waits is an event with a stack: it
 * may cost, but not more than this. */
#define QUEUE_TARGET 2.0

static double
run_timed (const char *const *argv)
{
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  long long elapsed = -1;
  const char *line;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  line = strstr (out, "elapsed_ns=");
  if (!line || sscanf (line, "elapsed_ns=%lld", &elapsed) != 1)
    g_error ("%s printed no time: %s", argv[g_strv_length ((char **) argv) - 1], out);
  return elapsed / 1e9;
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

typedef struct {
  double ratio, best;
  guint stacks, lock_names;
} Measured;

/* Rounds of the script untraced and traced in alternation. */
static Measured
measure (const char *file, const char *dir)
{
  g_autofree char *script = g_build_filename (g_getenv ("WEFT_SOURCE_ROOT"), "tests", "programs", file, NULL);
  g_autofree char *path = g_build_filename (dir, "bench.weft", NULL);
  const char *plain[] = { "/usr/bin/python3", script, NULL };
  const char *traced[] = { weft_test_weft_bin (), "record", "-o", path, "--", "/usr/bin/python3", script, NULL };
  double untraced_s[ROUNDS], traced_s[ROUNDS];
  Measured m = { 0 };

  run_timed (plain); /* warm up caches */
  for (int round = 0; round < ROUNDS; round++)
    {
      untraced_s[round] = run_timed (plain);
      traced_s[round] = run_timed (traced);
    }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (WeftTestTrace) trace = weft_test_load (path, &error);
    g_autoptr (GPtrArray) stacks = NULL, names = NULL;

    g_assert_no_error (error);
    stacks = weft_test_events_of_kind (trace, WEFT_EV_PY_STACK);
    names = weft_test_events_of_kind (trace, WEFT_EV_LOCK_NAME);
    m.stacks = stacks->len;
    m.lock_names = names->len;
  }
  qsort (untraced_s, ROUNDS, sizeof (double), compare_doubles);
  qsort (traced_s, ROUNDS, sizeof (double), compare_doubles);
  m.ratio = traced_s[ROUNDS / 2] / untraced_s[ROUNDS / 2];
  m.best = traced_s[0] / untraced_s[0];
  g_unlink (path);
  return m;
}

int
main (void)
{
  g_autofree char *dir = g_dir_make_tmp ("weft-bench-XXXXXX", NULL);
  Measured fib = measure ("py-fib.py", dir);
  Measured queue = measure ("py-queue.py", dir);

  printf ("python3 fib(27) x5, %d alternating rounds (medians)\n", ROUNDS);
  printf ("  traced / untraced time ratio: %.3f  (target <= 1.10)\n", fib.ratio);
  printf ("  Python stacks recorded (last run, imports' waits): %u\n", fib.stacks);
  printf ("python3 queue.Queue, 30000 items between two threads, %d alternating rounds (medians)\n", ROUNDS);
  printf ("  traced / untraced time ratio: %.3f  (target <= %.2f)\n", queue.ratio, QUEUE_TARGET);
  printf ("  Python stacks recorded (last run): %u; lock names: %u\n", queue.stacks, queue.lock_names);
  printf ("| Python fib(27) x5: weft record (Python stacks on) / untraced time (median; fastest of %d) | %.2fx; %.2fx | "
          "<= 1.10x |\n", ROUNDS, fib.ratio, fib.best);
  printf ("| Python queue.Queue, 30000 items, every wait with its stack and lock name: weft record / untraced time "
          "(median; fastest of %d) | %.2fx; %.2fx | <= %.2fx |\n", ROUNDS, queue.ratio, queue.best, QUEUE_TARGET);
  g_rmdir (dir);
  return 0;
}
