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

#include "weft-test-crafted.h"
#include "weft-test-util.h"

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
  g_autofree char *path = weft_test_write_crafted (dir, "many.weft", WEFT_CRAFTED_MANY_CHILDREN, n);
  guint64 text_peak, json_peak;

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
