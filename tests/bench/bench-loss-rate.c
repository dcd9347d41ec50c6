/*
 * bench-loss-rate: the event rate at which the recorder starts to lose
 * events.  Records `event-rate RATE 2` (RATE cheap futex calls a second,
 * one event each) for a rising RATE, then once as fast as the program
 * can go, and prints for each step the events per second that reached the
 * file and how many were lost (counted exactly in the kernel).  A ramp in
 * one run; it prints figures and never asserts a time.
 */
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "weft-trace-reader.h"
#include "weft-test-util.h"

typedef struct {
  guint64 events;
  guint64 first_ts, last_ts; /* earliest and latest event (the file is not sorted) */
} Count;

static void
count_event (const struct weft_event_header *event, gpointer user_data)
{
  Count *c = user_data;

  if (event->ts && (!c->first_ts || event->ts < c->first_ts))
    c->first_ts = event->ts;
  c->last_ts = MAX (c->last_ts, event->ts);
  c->events++;
}

int
main (void)
{
  g_autofree char *program = weft_test_program_path ("event-rate");
  g_autofree char *dir = g_dir_make_tmp ("weft-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "rate.weft", NULL);
  const struct { double rate; int threads; } steps[] = {
    { 250e3, 1 }, { 500e3, 1 }, { 1e6, 1 }, { 1.5e6, 2 }, { 2e6, 2 }, { 3e6, 2 }, { 4e6, 4 },
    { 0, 1 }, { 0, 2 }, { 0, 4 },
  };
  double best_clean = 0, first_lossy = 0;

  printf ("event rate ramp: `weft record -- event-rate RATE 2 THREADS` (one event per futex call)\n");
  printf ("  %12s %8s %16s %12s %10s\n", "asked/s", "threads", "recorded/s", "lost", "lost %");
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autofree char *rate = g_strdup_printf ("%.0f", steps[i].rate);
      g_autofree char *threads = g_strdup_printf ("%d", steps[i].threads);
      const char *argv[] = { weft_test_weft_bin (), "record", "-o", path, "--", program, rate, "2", threads, NULL };
      g_autoptr (WeftTraceReader) reader = NULL;
      g_autoptr (GError) error = NULL;
      Count count = { 0 };
      gboolean truncated;
      guint64 lost;
      double seconds, per_second;
      int status;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, NULL, NULL, &status, &error);
      g_assert_no_error (error);
      reader = weft_trace_reader_new (count_event, &count);
      if (!weft_trace_reader_read_file (reader, path, &truncated, &error))
        g_error ("cannot read the ramp's trace: %s", error->message);
      lost = weft_trace_reader_get_lost_events (reader);
      seconds = (count.last_ts - count.first_ts) / 1e9;
      /* What the program offered: recorded + lost, over its run. */
      per_second = (count.events + lost) / MAX (seconds, 1e-3);
      printf ("  %12s %8s %16.0f %12" G_GUINT64_FORMAT " %9.2f%%\n", steps[i].rate > 0 ? rate : "max", threads,
              count.events / MAX (seconds, 1e-3), lost, 100.0 * lost / (count.events + lost));
      if (lost == 0)
        best_clean = MAX (best_clean, per_second);
      else if (!first_lossy)
        first_lossy = per_second;
    }
  printf ("| sustained events/s with nothing lost (ramp) | %.2f M/s | |\n", best_clean / 1e6);
  if (first_lossy)
    printf ("| events/s at which loss starts (ramp) | %.2f M/s | |\n", first_lossy / 1e6);
  else
    printf ("| events/s at which loss starts (ramp) | none up to %.2f M/s | |\n", best_clean / 1e6);
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
