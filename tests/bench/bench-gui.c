/*
 * bench-gui.c: how fast the viewer opens and redraws a 10M-event trace.
 *
 * Writes a synthetic trace (16 threads taking turns on contended mutexes:
 * switches, futex waits, wakeups) with WeftTraceWriter, then measures what
 * the viewer does: open (load + analyse + build the timeline tree) and
 * frames of the timeline renderer at 1600x900 for the full view, a mid zoom
 * and a deep zoom.  Prints the figures and their ratio to the targets
 * (open <= 2 s, frame <= 16 ms); never asserts a time.
 *
 *   meson test -C build --benchmark bench-gui      (WEFT_BENCH_EVENTS to change 10M)
 */
#include <cairo.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "events.h"
#include "weft-timeline-renderer.h"
#include "weft-trace-writer.h"

#define N_THREADS 16
#define PID 4000
#define T0 G_GUINT64_CONSTANT (1000000000000)
#define STEP_NS 100
#define WIDTH 1600
#define HEIGHT 900
#define N_FRAMES 300 /* enough that the 99th percentile is not just the slowest frame */

typedef struct {
  WeftTraceWriter *writer;
  guint64 t;
  guint64 n;
} Gen;

static void
add (Gen *gen, void *record, guint16 kind, guint16 size, guint32 tid)
{
  struct weft_event_header *h = record;
  g_autoptr (GError) error = NULL;

  h->ts = T0 + gen->t;
  h->tgid = PID;
  h->tid = tid;
  h->kind = kind;
  h->size = size;
  h->cpu = tid % 2;
  if (!weft_trace_writer_add (gen->writer, record, size, &error))
    g_error ("cannot write the benchmark trace: %s", error->message);
  gen->t += STEP_NS;
  gen->n++;
}

static void
write_trace (const char *path, guint64 n_events)
{
  g_autoptr (GError) error = NULL;
  char *argv[] = { (char *) "bench-gui", NULL };
  WeftTraceInfo info = { .start_monotonic_ns = T0, .start_realtime_ns = T0, .root_pid = PID,
                         .hostname = (char *) "bench", .kernel = (char *) "6", .argv = argv };
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  Gen gen = { 0 };

  g_assert_cmpint (fd, >=, 0);
  gen.writer = weft_trace_writer_new (fd, &info, &error);
  g_assert_no_error (error);

  for (guint i = 1; i <= N_THREADS; i++)
    {
      struct weft_fork fork = { .child_tgid = PID, .child_tid = PID + i, .flags = WEFT_FORK_THREAD,
                                .child_ppid = 1 };
      g_strlcpy (fork.child_comm, "worker", sizeof fork.child_comm);
      add (&gen, &fork, WEFT_EV_FORK, sizeof fork, PID);
    }

  /* Each round, one thread runs, blocks on a mutex held by the next one,
   * gets woken and preempted. */
  for (guint64 round = 0; gen.n < n_events; round++)
    {
      guint32 tid = PID + 1 + round % N_THREADS;
      guint32 holder = PID + 1 + (round + 1) % N_THREADS;
      guint64 lock = 0x10000 + (round % 4) * 64;
      struct weft_event_header in = { 0 };
      struct weft_futex_wait_begin wait = { .uaddr = lock, .op = 0, .val = 2, .owner_tid = holder,
                                            .lock_word = 2, .klass = WEFT_FUTEX_CLASS_MUTEX };
      struct weft_switch_out sleep_out = { .state = WEFT_TASK_INTERRUPTIBLE };
      struct weft_wakeup wake = { .target_tgid = PID, .target_tid = tid };
      struct weft_futex_wait_end wait_end = { .uaddr = lock };
      struct weft_switch_out preempt = { .state = WEFT_TASK_RUNNING };

      add (&gen, &in, WEFT_EV_SWITCH_IN, sizeof in, tid);
      add (&gen, &wait, WEFT_EV_FUTEX_WAIT_BEGIN, sizeof wait, tid);
      add (&gen, &sleep_out, WEFT_EV_SWITCH_OUT, sizeof sleep_out, tid);
      add (&gen, &wake, WEFT_EV_WAKEUP, sizeof wake, holder);
      add (&gen, &in, WEFT_EV_SWITCH_IN, sizeof in, tid);
      add (&gen, &wait_end, WEFT_EV_FUTEX_WAIT_END, sizeof wait_end, tid);
      add (&gen, &preempt, WEFT_EV_SWITCH_OUT, sizeof preempt, tid);
    }
  weft_trace_writer_finish (gen.writer, 0, T0 + gen.t, &error);
  g_assert_no_error (error);
  g_object_unref (gen.writer);
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* Draws N_FRAMES frames of a window of span ns, panning a little each time
 * (as a user would); prints the median and the 99th percentile. */
static void
measure_frames (WeftTimelineRenderer *renderer, const char *label, gint64 center, gint64 span)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  double times[N_FRAMES];
  double median, p99;

  /* Two frames first, so font caches are warm, as in a running viewer. */
  for (int i = 0; i < 2; i++)
    {
      cairo_t *cr = cairo_create (surface);
      weft_timeline_renderer_set_window (renderer, MAX (center - span / 2, 0), MAX (center - span / 2, 0) + span);
      weft_timeline_renderer_draw (renderer, cr, WIDTH, HEIGHT);
      cairo_destroy (cr);
    }
  for (int i = 0; i < N_FRAMES; i++)
    {
      /* Back and forth by up to 1% of the window, never past the
       * trace's end (an empty view would flatter the median). */
      gint64 t0 = MAX (center - span / 2 + (gint64) ((i % 40) - 20) * span / 2000, 0);
      cairo_t *cr = cairo_create (surface);
      gint64 start;

      weft_timeline_renderer_set_window (renderer, t0, t0 + span);
      start = g_get_monotonic_time ();
      weft_timeline_renderer_draw (renderer, cr, WIDTH, HEIGHT);
      cairo_surface_flush (surface);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      cairo_destroy (cr);
    }
  cairo_surface_destroy (surface);
  qsort (times, N_FRAMES, sizeof (double), compare_doubles);
  median = times[N_FRAMES / 2];
  p99 = times[(int) (N_FRAMES * 0.99)];
  g_autofree char *span_text = weft_format_duration (span);
  printf ("frame %-10s (%10s shown): median %6.2f ms, p99 %6.2f ms  -> %.2fx / %.2fx the 16 ms budget\n",
           label, span_text, median, p99, median / 16.0, p99 / 16.0);
  printf ("| viewer frame, 10M events, %s (%s shown): median / p99 | %.1f / %.1f ms | 16 ms |\n", label, span_text,
          median, p99);
}

int
main (int argc, char **argv)
{
  const char *events_env = g_getenv ("WEFT_BENCH_EVENTS");
  guint64 n_events = events_env ? g_ascii_strtoull (events_env, NULL, 10) : 10000000;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "weft-bench-gui.weft", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (WeftTimelineTree) tree = NULL;
  g_autoptr (WeftTimelineRenderer) renderer = NULL;
  GStatBuf st;
  gint64 start, duration;
  double open_s;

  g_print ("bench-gui: writing a synthetic trace of %" G_GUINT64_FORMAT " events...\n", n_events);
  write_trace (path, n_events);
  g_stat (path, &st);

  start = g_get_monotonic_time ();
  tree = weft_timeline_tree_new_for_file (path, &error);
  open_s = (g_get_monotonic_time () - start) / 1e6;
  if (tree == NULL)
    g_error ("cannot open the benchmark trace: %s", error->message);
  duration = weft_timeline_tree_get_duration (tree);
  printf ("open  %" G_GUINT64_FORMAT " events (%.0f MB file, %u threads): %.2f s -> %.2fx the 2 s budget\n",
           n_events, st.st_size / 1e6, weft_timeline_tree_get_n_threads (tree), open_s, open_s / 2.0);
  printf ("| viewer: open %.0fM events | %.2f s | 2 s |\n", n_events / 1e6, open_s);

  renderer = weft_timeline_renderer_new ();
  weft_timeline_renderer_set_tree (renderer, tree);
  measure_frames (renderer, "full view", duration / 2, duration);
  measure_frames (renderer, "mid zoom", duration / 2, duration / 1000);
  measure_frames (renderer, "deep zoom", duration / 2, 20000);
  weft_timeline_renderer_set_presentation (renderer, TRUE);
  measure_frames (renderer, "full/pres.", duration / 2, duration);

  g_unlink (path);
  return 0;
}
