/*
 * bench-mixed: issue 3's mixed workload (1000 fork/exit/wait, 4 threads x
 * 200k lock/unlock on one mutex, 20k pipe round trips between two
 * processes, 20k zero-timeout selects) untraced, under `weft record` and
 * under `strace -f -o /dev/null`, alternating, several rounds in one run.
 * Compares the program's own loop time (medians), so recorder start-up is
 * not counted and machine noise hits all three alike.  Prints ratios and
 * the trace's figures; never asserts a time.
 */
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "weft-trace-reader.h"
#include "weft-test-util.h"

#define ROUNDS 5

static double
run_workload (const char *const *argv)
{
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  long long elapsed = -1;
  const char *line;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  line = strstr (out, "elapsed_ns=");
  if (!line || sscanf (line, "elapsed_ns=%lld", &elapsed) != 1 || !g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], out);
  return elapsed / 1e9;
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static void
count_event (const struct weft_event_header *event, gpointer user_data)
{
  (*(guint64 *) user_data)++;
}

int
main (void)
{
  g_autofree char *workload = weft_test_program_path ("mixed-workload");
  g_autofree char *dir = g_dir_make_tmp ("weft-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "mixed.weft", NULL);
  const char *plain[] = { workload, NULL };
  const char *traced[] = { weft_test_weft_bin (), "record", "-o", path, "--", workload, NULL };
  const char *straced[] = { "strace", "-f", "-o", "/dev/null", workload, NULL };
  double untraced_s[ROUNDS], traced_s[ROUNDS], strace_s[ROUNDS], weft_ratio, strace_ratio;
  guint64 events = 0, lost = 0, max_lost = 0;
  struct stat st;

  run_workload (plain); /* warm up caches */
  for (int round = 0; round < ROUNDS; round++)
    {
      g_autoptr (WeftTraceReader) reader = weft_trace_reader_new (count_event, &events);
      g_autoptr (GError) error = NULL;
      gboolean truncated;

      untraced_s[round] = run_workload (plain);
      traced_s[round] = run_workload (traced);
      strace_s[round] = run_workload (straced);

      events = 0;
      if (!weft_trace_reader_read_file (reader, path, &truncated, &error))
        g_error ("cannot read the benchmark's trace: %s", error->message);
      lost = weft_trace_reader_get_lost_events (reader);
      max_lost = MAX (max_lost, lost);
      g_assert_cmpint (stat (path, &st), ==, 0);
    }

  qsort (untraced_s, ROUNDS, sizeof (double), compare_doubles);
  qsort (traced_s, ROUNDS, sizeof (double), compare_doubles);
  qsort (strace_s, ROUNDS, sizeof (double), compare_doubles);
  weft_ratio = traced_s[ROUNDS / 2] / untraced_s[ROUNDS / 2];
  strace_ratio = strace_s[ROUNDS / 2] / untraced_s[ROUNDS / 2];
  printf ("mixed workload (1000 fork/exit/wait, 4x200k mutex lock/unlock, 20k pipe round trips, "
          "20k select), %d alternating rounds (medians)\n", ROUNDS);
  printf ("  untraced loop time:             %.3f s\n", untraced_s[ROUNDS / 2]);
  printf ("  weft record / untraced:         %.3f  (target <= 1.15)\n", weft_ratio);
  printf ("  strace -f / untraced:           %.3f\n", strace_ratio);
  printf ("  events recorded (last run):     %" G_GUINT64_FORMAT "\n", events);
  printf ("  lost events (worst run):        %" G_GUINT64_FORMAT "  (target 0)\n", max_lost);
  printf ("  bytes per event in the file:    %.2f  (target <= 24)\n", (double) st.st_size / events);
  printf ("| mixed workload: weft record / untraced time | %.2fx | <= 1.15x |\n", weft_ratio);
  printf ("| mixed workload: strace -f / untraced time | %.2fx | |\n", strace_ratio);
  printf ("| mixed workload: events recorded, lost (worst of %d runs) | %" G_GUINT64_FORMAT ", %" G_GUINT64_FORMAT
          " lost | 0 lost |\n", ROUNDS, events, max_lost);
  printf ("| mixed workload: bytes per event in the file | %.1f | <= 24 |\n", (double) st.st_size / events);
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
