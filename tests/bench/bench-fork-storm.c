/*
 * bench-fork-storm: the recorder's cost on what fork() costs — a storm of
 * short-lived children (every fork, exit and wait recorded), and a child
 * rewriting its parent's memory (every copy-on-write fault counted).
 *
 * Runs each program untraced and under `weft record` in alternation,
 * several rounds in one run, and compares the program's own time (what a
 * student would feel), so machine noise hits both sides alike.  Prints
 * ratios, never asserts a time.
 */
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "weft-test-util.h"

#define ROUNDS 5
#define CHILDREN 2000
#define COW_MB 256

typedef struct {
  double median;   /* traced / untraced, of the medians */
  double best;     /* of the fastest runs: the least disturbed of each kind */
  guint64 events;  /* in the last traced run */
  guint64 lost;
  gint64 bytes;    /* of its file */
} Comparison;

static double
run_program (const char *const *argv)
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
    g_error ("%s printed no time: %s", argv[0], out);
  return elapsed / 1e9;
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* program with its one argument, untraced and traced, ROUNDS times each. */
static Comparison
compare (const char *name, const char *argument)
{
  g_autofree char *program = weft_test_program_path (name);
  g_autofree char *dir = g_dir_make_tmp ("weft-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.weft", NULL);
  const char *plain[] = { program, argument, NULL };
  const char *traced[] = { weft_test_weft_bin (), "record", "-o", path, "--", program, argument, NULL };
  double untraced_s[ROUNDS], traced_s[ROUNDS];
  Comparison c = { 0 };
  struct stat st;

  run_program (plain); /* warm up caches */
  for (int round = 0; round < ROUNDS; round++)
    {
      untraced_s[round] = run_program (plain);
      traced_s[round] = run_program (traced);
    }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (WeftTestTrace) trace = weft_test_load (path, &error);

    g_assert_no_error (error);
    c.events = trace->events->len;
    c.lost = trace->lost_events;
    g_assert_cmpint (stat (path, &st), ==, 0);
    c.bytes = st.st_size;
  }
  qsort (untraced_s, ROUNDS, sizeof (double), compare_doubles);
  qsort (traced_s, ROUNDS, sizeof (double), compare_doubles);
  c.median = traced_s[ROUNDS / 2] / untraced_s[ROUNDS / 2];
  c.best = traced_s[0] / untraced_s[0];
  g_unlink (path);
  g_rmdir (dir);
  return c;
}

int
main (void)
{
  g_autofree char *children = g_strdup_printf ("%d", CHILDREN);
  g_autofree char *megabytes = g_strdup_printf ("%d", COW_MB);
  Comparison storm = compare ("fork-storm", children);
  Comparison cow = compare ("cow-storm", megabytes);

  printf ("fork/exit/wait storm, %d children, %d alternating rounds (medians)\n", CHILDREN, ROUNDS);
  printf ("  traced / untraced time ratio: %.3f  (target <= 1.10)\n", storm.median);
  printf ("  events recorded (last run):   %" G_GUINT64_FORMAT " (%.1f per child)\n", storm.events,
          (double) storm.events / CHILDREN);
  printf ("  lost events:                  %" G_GUINT64_FORMAT "  (target 0)\n", storm.lost);
  printf ("  bytes per event in the file:  %.2f  (target <= 24)\n", (double) storm.bytes / storm.events);
  printf ("copy-on-write, a child rewriting %d MB of its parent's (%d faults)\n", COW_MB, COW_MB * 256);
  printf ("  traced / untraced time ratio: %.3f  (target <= 1.10)\n", cow.median);
  printf ("  events recorded (last run):   %" G_GUINT64_FORMAT ", lost %" G_GUINT64_FORMAT "\n", cow.events,
          cow.lost);
  /* Rows of the README's table (.ci/setup --bench collects them). */
  printf ("| fork/exit/wait storm, %d children: weft record / untraced time (median; fastest of %d) | %.2fx; %.2fx | "
          "<= 1.10x |\n", CHILDREN, ROUNDS, storm.median, storm.best);
  printf ("| fork storm: lost events, bytes per event in the file | %" G_GUINT64_FORMAT ", %.1f B | 0, <= 24 B |\n",
          storm.lost, (double) storm.bytes / storm.events);
  printf ("| copy-on-write, a child rewriting %d MB: weft record / untraced time (median; fastest of %d) | "
          "%.2fx; %.2fx | <= 1.10x |\n", COW_MB, ROUNDS, cow.median, cow.best);
  return 0;
}
