/*
 * bench-stats.c: memory of `weft stats --json` per process (issue 17).
 *
 *   bench-stats [N_PROCESSES]
 *
 * Writes a trace of N short-lived children (fork, exit, reap; 100 000 by
 * default) through the real writer, then runs the real `weft stats` on it
 * as a text summary and as JSON, and prints each one's peak memory per
 * process and the ratio JSON / text, from one run.  Both load the same
 * model: the ratio is what the JSON itself costs.  Never asserts a time.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "weft-test-util.h"
#include "weft-trace-writer.h"

#define ROOT 100

static void
add (WeftTraceWriter *writer, void *record, gsize size)
{
  g_autoptr (GError) error = NULL;

  if (!weft_trace_writer_add (writer, record, size, &error))
    g_error ("%s", error->message);
}

static void
generate (const char *path, guint n)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftTraceWriter) writer = NULL;
  const char *argv[] = { "many-children", NULL };
  WeftTraceInfo info = { .start_monotonic_ns = 1000, .root_pid = ROOT, .hostname = (char *) "bench",
                         .kernel = (char *) "6.1", .argv = (char **) argv };
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  guint64 t = 2000;

  writer = weft_trace_writer_new (fd, &info, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      guint32 child = 1000 + i;
      struct weft_fork fork = { .h = { .ts = t, .tgid = ROOT, .tid = ROOT, .kind = WEFT_EV_FORK, .size = sizeof fork },
                                .child_tgid = child, .child_tid = child, .child_ppid = ROOT };
      struct weft_exit exit_ = { .h = { .ts = t + 500, .tgid = child, .tid = child, .kind = WEFT_EV_EXIT,
                                        .size = sizeof exit_ },
                                 .flags = WEFT_EXIT_GROUP_DEAD, .parent_tgid = ROOT };
      struct weft_reap reap = { .h = { .ts = t + 900, .tgid = ROOT, .tid = ROOT, .kind = WEFT_EV_REAP,
                                       .size = sizeof reap },
                                .pid = child, .reaper = ROOT };

      add (writer, &fork, sizeof fork);
      add (writer, &exit_, sizeof exit_);
      add (writer, &reap, sizeof reap);
      t += 1000;
    }
  g_assert_true (weft_trace_writer_finish (writer, 0, t, &error));
  g_assert_no_error (error);
}

/* Peak resident memory of `weft stats [--json] path`, its output dropped. */
static guint64
stats_peak_bytes (const char *path, gboolean json)
{
  const char *bin = weft_test_weft_bin ();
  struct rusage usage;
  int status;
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      int null = open ("/dev/null", O_WRONLY);

      dup2 (null, STDOUT_FILENO);
      if (json)
        execl (bin, bin, "stats", "--json", path, (char *) NULL);
      else
        execl (bin, bin, "stats", path, (char *) NULL);
      _exit (127);
    }
  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  return (guint64) usage.ru_maxrss * 1024;
}

int
main (int argc, char **argv)
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  g_autofree char *dir = g_dir_make_tmp ("weft-bench-stats-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "many.weft", NULL);
  guint64 text_peak, json_peak;

  generate (path, n);
  text_peak = stats_peak_bytes (path, FALSE);
  json_peak = stats_peak_bytes (path, TRUE);
  printf ("processes:            %u\n", n);
  printf ("weft stats:           %.1f MB peak, %.0f bytes/process\n", text_peak / 1e6, (double) text_peak / n);
  printf ("weft stats --json:    %.1f MB peak, %.0f bytes/process\n", json_peak / 1e6, (double) json_peak / n);
  printf ("json / text:          %.2fx\n", (double) json_peak / text_peak);
  printf ("| stats --json: peak memory, %u processes | %.0f B/process (%.2fx the text summary) | |\n", n,
          (double) json_peak / n, (double) json_peak / text_peak);
  weft_test_remove_tree (dir);
  return 0;
}
