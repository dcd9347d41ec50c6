/*
 * bench-python: what the Python-aware recording costs a call-heavy Python
 * program (issue 13: stacks are taken at waits, never per call).
 *
 * Runs /usr/bin/python3 py-fib.py (recursive fib(27), five times) untraced and under
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

static double
run_fib (const char *const *argv)
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
    g_error ("py-fib.py printed no time: %s", out);
  return elapsed / 1e9;
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

int
main (void)
{
  g_autofree char *script = g_build_filename (g_getenv ("WEFT_SOURCE_ROOT"), "tests", "programs", "py-fib.py", NULL);
  g_autofree char *dir = g_dir_make_tmp ("weft-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "fib.weft", NULL);
  const char *plain[] = { "/usr/bin/python3", script, NULL };
  const char *traced[] = { weft_test_weft_bin (), "record", "-o", path, "--", "/usr/bin/python3", script, NULL };
  double untraced_s[ROUNDS], traced_s[ROUNDS], ratio, best;
  guint stacks = 0;

  run_fib (plain); /* warm up caches */
  for (int round = 0; round < ROUNDS; round++)
    {
      untraced_s[round] = run_fib (plain);
      traced_s[round] = run_fib (traced);
    }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (WeftTestTrace) trace = weft_test_load (path, &error);
    g_autoptr (GPtrArray) found = NULL;

    g_assert_no_error (error);
    found = weft_test_events_of_kind (trace, WEFT_EV_PY_STACK);
    stacks = found->len;
  }
  qsort (untraced_s, ROUNDS, sizeof (double), compare_doubles);
  qsort (traced_s, ROUNDS, sizeof (double), compare_doubles);
  ratio = traced_s[ROUNDS / 2] / untraced_s[ROUNDS / 2];
  best = traced_s[0] / untraced_s[0];
  printf ("python3 fib(27) x5, %d alternating rounds (medians)\n", ROUNDS);
  printf ("  traced / untraced time ratio: %.3f  (target <= 1.10)\n", ratio);
  printf ("  Python stacks recorded (last run, imports' waits): %u\n", stacks);
  printf ("| Python fib(27) x5: weft record (Python stacks on) / untraced time (median; fastest of %d) | %.2fx; %.2fx | "
          "<= 1.10x |\n", ROUNDS, ratio, best);
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
