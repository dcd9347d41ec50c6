/*
 * bench-live.c: from an event in the kernel to the screen, live (target
 * 200 ms at 10k events/s).
 *
 * Runs the real viewer window under Xvfb, records bench-live-load with the
 * real recorder through the live pipeline (recorder → pipe → reader →
 * model → timeline), and after every frame GTK paints looks for processes
 * the frame shows for the first time.  Their fork time (the kernel's
 * CLOCK_MONOTONIC timestamp) against the time of that frame is the
 * latency of that event.  Prints the event rate reached and the median,
 * p99 and worst latency, and their ratio to the target; asserts no time.
 *
 *   meson test -C build --benchmark bench-live --verbose
 *   (WEFT_BENCH_SECONDS, WEFT_BENCH_ROUND_TRIPS change the load)
 */
#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>

#include "weft-model.h"
#include "weft-window.h"

#define TARGET_MS 200.0

typedef struct {
  WeftWindow *window;
  GHashTable *seen;  /* pids already on screen */
  GArray *latencies; /* double, ms */
  guint frames;
} Bench;

static void
on_after_paint (GdkFrameClock *clock, Bench *bench)
{
  WeftTimelineTree *tree = weft_timeline_view_get_tree (weft_window_get_timeline (bench->window));
  gint64 now_ns = g_get_monotonic_time () * 1000;
  gint64 start;

  if (!tree)
    return;
  bench->frames++;
  start = (gint64) weft_model_get_start_monotonic_ns (weft_timeline_tree_get_model (tree));
  for (guint i = 0; i < weft_timeline_tree_get_n_processes (tree); i++)
    {
      const WeftProcess *process = weft_timeline_tree_get_process (tree, i);
      double ms;

      if (weft_timeline_tree_get_depth (tree, i) == 0 || !g_hash_table_add (bench->seen, GUINT_TO_POINTER (process->pid)))
        continue;
      ms = (now_ns - (start + (gint64) process->start_ns)) / 1e6;
      g_array_append_val (bench->latencies, ms);
    }
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
percentile (GArray *sorted, double p)
{
  guint index = MIN ((guint) (p * (sorted->len - 1) + 0.5), sorted->len - 1);
  return g_array_index (sorted, double, index);
}

int
main (int argc, char **argv)
{
  const char *seconds = g_getenv ("WEFT_BENCH_SECONDS") ? g_getenv ("WEFT_BENCH_SECONDS") : "6";
  const char *round_trips = g_getenv ("WEFT_BENCH_ROUND_TRIPS") ? g_getenv ("WEFT_BENCH_ROUND_TRIPS") : "750";
  g_autofree char *load = g_build_filename (g_getenv ("WEFT_BUILD_ROOT"), "tests", "bench", "bench-live-load", NULL);
  const char *command[] = { load, seconds, round_trips, NULL };
  g_autoptr (GError) error = NULL;
  Bench bench = { 0 };
  WeftLiveSession *session;
  WeftModel *model;
  double duration_s;

  gtk_init ();
  adw_init ();
  if (!g_getenv ("WEFT_RECORDER"))
    g_setenv ("WEFT_RECORDER", g_getenv ("WEFT_BIN"), TRUE);
  bench.seen = g_hash_table_new (NULL, NULL);
  bench.latencies = g_array_new (FALSE, FALSE, sizeof (double));
  bench.window = weft_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (bench.window), 1400, 800);
  gtk_window_present (GTK_WINDOW (bench.window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (bench.window)))
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (bench.window)), "after-paint",
                    G_CALLBACK (on_after_paint), &bench);

  if (!weft_window_run_command (bench.window, command, NULL, &error))
    g_error ("cannot record: %s", error->message);
  session = weft_live_panel_get_session (weft_window_get_live_panel (bench.window));
  while (weft_live_session_is_running (session))
    g_main_context_iteration (NULL, TRUE);
  if (weft_live_session_get_error (session))
    g_error ("the recording failed: %s", weft_live_session_get_error (session));

  model = weft_live_session_get_model (session);
  duration_s = weft_model_get_end_ns (model) / 1e9;
  g_array_sort (bench.latencies, compare_doubles);
  printf ("bench-live: %s round trips/s for %s s: %" G_GUINT64_FORMAT " events in %.2f s = %.0f events/s, "
          "%" G_GUINT64_FORMAT " lost, %u frames painted\n",
          round_trips, seconds, weft_model_get_n_events (model), duration_s,
          weft_model_get_n_events (model) / duration_s, weft_model_get_lost_events (model), bench.frames);
  if (bench.latencies->len == 0)
    g_error ("no fork reached the screen");
  printf ("bench-live: event to screen over %u forks: median %.1f ms, p99 %.1f ms, worst %.1f ms\n",
          bench.latencies->len, percentile (bench.latencies, 0.5), percentile (bench.latencies, 0.99),
          g_array_index (bench.latencies, double, bench.latencies->len - 1));
  printf ("bench-live: ratio to the %.0f ms target: median %.2f, p99 %.2f (below 1 meets it)\n", TARGET_MS,
          percentile (bench.latencies, 0.5) / TARGET_MS, percentile (bench.latencies, 0.99) / TARGET_MS);
  gtk_window_destroy (GTK_WINDOW (bench.window));
  return 0;
}
