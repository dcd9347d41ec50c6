/*
 * bench-fork-storm: the recorder's cost on a fork/exit/wait storm.
 *
 * Runs `fork-storm N` untraced and under `weft record` in alternation,
 * several rounds in one run, and compares the program's own loop time
 * (what a student would feel), so machine noise hits both sides alike.
 * Prints ratios, never asserts a time.
 */
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "weft-test-util.h"

#define ROUNDS 5
#define CHILDREN 2000

static double
run_storm (const char *const *argv)
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
    g_error ("fork-storm printed no time: %s", out);
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
  g_autofree char *storm = weft_test_program_path ("fork-storm");
  g_autofree char *count = g_strdup_printf ("%d", CHILDREN);
  g_autofree char *dir = g_dir_make_tmp ("weft-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "storm.weft", NULL);
  const char *plain[] = { storm, count, NULL };
  const char *traced[] = { weft_test_weft_bin (), "record", "-o", path, "--", storm, count, NULL };
  double untraced_s[ROUNDS], traced_s[ROUNDS], ratio, best;
  guint64 events = 0, lost = 0;
  struct stat st;

  run_storm (plain); /* warm up caches */
  for (int round = 0; round < ROUNDS; round++)
    {
      untraced_s[round] = run_storm (plain);
      traced_s[round] = run_storm (traced);
    }

  {
    g_autoptr (GError) error = NULL;
    g_autoptr (WeftTestTrace) trace = weft_test_load (path, &error);

    g_assert_no_error (error);
    events = trace->events->len;
    lost = trace->lost_events;
    g_assert_cmpint (stat (path, &st), ==, 0);
  }

  qsort (untraced_s, ROUNDS, sizeof (double), compare_doubles);
  qsort (traced_s, ROUNDS, sizeof (double), compare_doubles);
  ratio = traced_s[ROUNDS / 2] / untraced_s[ROUNDS / 2];
  best = traced_s[0] / untraced_s[0]; /* the least disturbed of each kind */
  printf ("fork/exit/wait storm, %d children, %d alternating rounds (medians)\n", CHILDREN, ROUNDS);
  printf ("  traced / untraced time ratio: %.3f  (target <= 1.10)\n", ratio);
  printf ("  events recorded (last run):   %" G_GUINT64_FORMAT " (%.1f per child)\n", events,
          (double) events / CHILDREN);
  printf ("  lost events:                  %" G_GUINT64_FORMAT "  (target 0)\n", lost);
  printf ("  bytes per event in the file:  %.2f  (target <= 24)\n", (double) st.st_size / events);
  /* Rows of the README's table (.ci/setup --bench collects them). */
  printf ("| fork/exit/wait storm, %d children: weft record / untraced time (median; fastest of %d) | %.2fx; %.2fx | "
          "<= 1.10x |\n", CHILDREN, ROUNDS, ratio, best);
  printf ("| fork storm: lost events, bytes per event in the file | %" G_GUINT64_FORMAT ", %.1f B | 0, <= 24 B |\n",
          lost, (double) st.st_size / events);
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
